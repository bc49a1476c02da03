package nl.homepair.complaints.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A name as a handler copies it from a letter, against the complainant's name on the case. */
class PersonNamesTest {

    @ParameterizedTest(name = "{0} / {1}: {2}")
    @CsvSource({
            "J. Jansen, Jan Jansen, true",
            "dhr. J. JANSEN, Jan Jansen, true",
            "mevrouw De Vries, Anna de Vries, true",
            "Müller, Muller, true",
            "Verf, Schildersbedrijf Verf B.V., true",
            "Jan, Jan Jansen, true",
            "van Dijk, Jan van Beek, false",
            "J., Jan Jansen, false",
            "Mevrouw, Mevrouw Jansen, false",
            "Pietersen, Jan Jansen, false",
            "'', Jan Jansen, false",
            "Li, Bo Li, true",
            "B. Li, Bo Li, true",
            "Ng, Bo Li, false",
            "jj, jj1980, true",
            "Jansen, 1980, true",
            "Li, Jan Li, true",
            "mevr. Li, Jan Li, true",
            "De Vries, j.devries@ziggo.nl, true",
            "de, Anna de Vries, false"})
    void aWordOfTheNameFitsAndInitialsOrTitlesAloneDoNotUnlessTheNameHasNothingLonger(String typed, String known, boolean fits) {
        assertThat(PersonNames.mayBe(typed, known)).isEqualTo(fits);
    }

    /** Two display names of one person (a phone, a work mail program); partners, namesakes and companies are not one. */
    @ParameterizedTest(name = "{0} / {1}: {2}")
    @CsvSource({
            "Jan Jansen, 'Jansen, J.', true",
            "J. Jansen, jan.jansen, true",
            "Anna de Vries, 'Vries, A. de', true",
            "Jan Jansen, Jansen, true",
            "Anna de Vries, Piet de Vries, false",
            "Jan Jansen, Jan Bakker, false",
            "Jansen Klussen B.V., Bakker Klussen B.V., false",
            "Jan Jansen, Piet Pietersen, false",
            "Jan van Dijk, Piet van Beek, false",
            "Jan Jansen, jan@jansen.nl, false",
            "'', Jan Jansen, false"})
    void twoNamesAreOnePersonsWhenTheyShareAWordAndTheRestFits(String one, String other, boolean same) {
        assertThat(PersonNames.samePerson(one, other)).isEqualTo(same);
        assertThat(PersonNames.samePerson(other, one)).isEqualTo(same);
    }
}

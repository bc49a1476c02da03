package nl.homepair.complaints.sla;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The general recognised holidays of the Algemene termijnenwet (art. 3) that can fall on a weekday.
 *
 * <p>Easter Sunday and Whit Sunday are recognised as well but always fall on a Sunday, so they are not listed.
 * King's Day follows the rule in force since 2014 (27 April, or 26 April when the 27th is a Sunday); earlier
 * years (Koninginnedag) are not modelled. Note that the 26 April fallback is by construction always a Saturday.
 */
public final class DutchHolidays {

    public static final String NEW_YEARS_DAY = "Nieuwjaarsdag";
    public static final String GOOD_FRIDAY = "Goede Vrijdag";
    public static final String EASTER_MONDAY = "Tweede Paasdag";
    public static final String KINGS_DAY = "Koningsdag";
    public static final String LIBERATION_DAY = "Bevrijdingsdag";
    public static final String ASCENSION_DAY = "Hemelvaartsdag";
    public static final String WHIT_MONDAY = "Tweede Pinksterdag";
    public static final String CHRISTMAS_DAY = "Eerste Kerstdag";
    public static final String BOXING_DAY = "Tweede Kerstdag";

    /** First year of the Gregorian calendar; the Easter algorithm is not valid before it. */
    private static final int FIRST_GREGORIAN_YEAR = 1583;

    private DutchHolidays() {
    }

    /**
     * The holidays of one year, sorted by date, with their Dutch names. When two holidays fall on the same day
     * (Ascension Day on 5 May, as in 2016) the names are joined with " / ".
     *
     * @param year          the year, 1583 or later
     * @param goodFriday    whether Good Friday is included
     * @param liberationDay whether 5 May is included
     * @return an unmodifiable sorted map date to name
     */
    public static SortedMap<LocalDate, String> forYear(int year, boolean goodFriday, boolean liberationDay) {
        LocalDate easter = easterSunday(year);
        SortedMap<LocalDate, String> days = new TreeMap<>();
        add(days, LocalDate.of(year, Month.JANUARY, 1), NEW_YEARS_DAY);
        if (goodFriday) {
            add(days, easter.minusDays(2), GOOD_FRIDAY);
        }
        add(days, easter.plusDays(1), EASTER_MONDAY);
        add(days, kingsDay(year), KINGS_DAY);
        if (liberationDay) {
            add(days, LocalDate.of(year, Month.MAY, 5), LIBERATION_DAY);
        }
        add(days, easter.plusDays(39), ASCENSION_DAY);
        add(days, easter.plusDays(50), WHIT_MONDAY);
        add(days, LocalDate.of(year, Month.DECEMBER, 25), CHRISTMAS_DAY);
        add(days, LocalDate.of(year, Month.DECEMBER, 26), BOXING_DAY);
        return Collections.unmodifiableSortedMap(days);
    }

    /**
     * Easter Sunday in the Gregorian calendar (anonymous Gregorian algorithm, Meeus/Jones/Butcher).
     *
     * @param year the year, 1583 or later
     */
    public static LocalDate easterSunday(int year) {
        if (year < FIRST_GREGORIAN_YEAR) {
            throw new IllegalArgumentException("year must be " + FIRST_GREGORIAN_YEAR + " or later, was " + year);
        }
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    /** King's Day: 27 April, or 26 April when the 27th is a Sunday. */
    static LocalDate kingsDay(int year) {
        LocalDate day = LocalDate.of(year, Month.APRIL, 27);
        return day.getDayOfWeek() == DayOfWeek.SUNDAY ? day.minusDays(1) : day;
    }

    private static void add(SortedMap<LocalDate, String> days, LocalDate day, String name) {
        days.merge(day, name, (existing, added) -> existing + " / " + added);
    }
}

package nl.homepair.complaints.text;

/** Numbers as a Dutch reader writes them: "10.000", not "10000" or "10,000". */
public final class DutchNumbers {

    private DutchNumbers() {
    }

    public static String of(long value) {
        return String.format(DutchDates.DUTCH, "%,d", value);
    }
}

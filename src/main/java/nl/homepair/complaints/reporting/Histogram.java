package nl.homepair.complaints.reporting;

import java.util.Arrays;

/**
 * Counts of whole working days, for medians and percentiles without keeping every case:
 * a year of cases is a few hundred distinct values at most.
 */
final class Histogram {

    private long[] counts = new long[32];
    private long cases;
    private long sum;

    void add(int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative, was " + days);
        }
        if (days >= counts.length) {
            counts = Arrays.copyOf(counts, Math.max(days + 1, counts.length * 2));
        }
        counts[days]++;
        cases++;
        sum += days;
    }

    long cases() {
        return cases;
    }

    /**
     * The p-th percentile by nearest rank: the smallest value with at least p% of the cases
     * at or below it, i.e. the value at rank ceil(p/100 * n) of the sorted values (the
     * median is p = 50: of an even number of cases, the lower of the two middle ones).
     * Null without cases.
     */
    Integer percentile(int p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in 1..100, was " + p);
        }
        if (cases == 0) {
            return null;
        }
        long rank = (p * cases + 99) / 100; // ceil(p * n / 100) in whole numbers
        long seen = 0;
        for (int days = 0; days < counts.length; days++) {
            seen += counts[days];
            if (seen >= rank) {
                return days;
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + cases + " cases");
    }

    /** The mean, rounded to one decimal; null without cases. */
    Double average() {
        return cases == 0 ? null : Math.round(sum * 10.0 / cases) / 10.0;
    }

    Report.Duration duration() {
        return new Report.Duration(cases, percentile(50), percentile(90), average());
    }
}

package nl.homepair.complaints.casework;

import java.time.Instant;
import java.util.Date;
import nl.homepair.complaints.sla.WorkingDayCalendar;

/** How a deadline stands, as a colour a person takes in at a glance. */
public enum TrafficLight {
    LATE("te-laat", "Te laat"),
    DUE_SOON("bijna", "Verloopt vandaag of de volgende werkdag"),
    ON_TIME("op-tijd", "Op tijd"),
    /** No task of ours is open: the case waits for the complainant's answer, until the date we asked it by. */
    WAITING("wacht", "Wacht op de klager"),
    NONE("geen", "Geen deadline");

    private final String code;
    private final String label;

    TrafficLight(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** In URLs and CSS classes. */
    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    /**
     * Late when passed; due soon when due today or the next working day (as Tasklist's filter
     * "Verloopt vandaag of volgende werkdag", {@link WorkingDayCalendar#afterNextWorkingDay}); else on time.
     */
    public static TrafficLight of(Date due, Instant now, WorkingDayCalendar calendar) {
        if (due == null) {
            return NONE;
        }
        Instant deadline = due.toInstant();
        if (deadline.isBefore(now)) {
            return LATE;
        }
        return deadline.isBefore(calendar.afterNextWorkingDay(now)) ? DUE_SOON : ON_TIME;
    }

    public static TrafficLight byCode(String code) {
        for (TrafficLight light : values()) {
            if (light.code.equals(code)) {
                return light;
            }
        }
        return null;
    }
}

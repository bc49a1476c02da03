package nl.homepair.complaints.tasklist;

import java.util.List;
import nl.homepair.complaints.security.Groups;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.openqa.selenium.By;

/** The count Tasklist shows beside a saved filter, and the count the engine gives the handler for it. */
final class FilterCounters {

    private FilterCounters() {
    }

    /** The counter of the filter with this name in Tasklist's list of filters. */
    static By counter(String filter) {
        return By.xpath("//div[contains(@class,'task-filter')]/h4/a[starts-with(normalize-space(.), '" + filter + "')]"
                + "/span[contains(@class,'counter')]");
    }

    /** How many tasks the filter holds for the handler (behandelaar, in handlers), as the engine counts them. */
    static long forHandler(FilterService filters, IdentityService identity, String filter) {
        identity.setAuthentication("behandelaar", List.of(Groups.HANDLERS));
        try {
            return filters.count(filters.createFilterQuery().filterName(filter).singleResult().getId());
        } finally {
            identity.clearAuthentication();
        }
    }
}

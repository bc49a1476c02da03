package nl.homepair.complaints.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** For the engine plugins that add to one of the engine configuration's lists in {@code preInit}. */
public final class EngineLists {

    private EngineLists() {
    }

    /**
     * Sets the list to a copy of {@code current} with {@code item} last: the configuration's
     * lists start as null, and one set by another plugin may not be modifiable.
     */
    public static <T> void append(List<T> current, Consumer<List<T>> set, T item) {
        List<T> list = current == null ? new ArrayList<>() : new ArrayList<>(current);
        list.add(item);
        set.accept(list);
    }
}

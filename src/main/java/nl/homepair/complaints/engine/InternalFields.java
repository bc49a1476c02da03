package nl.homepair.complaints.engine;

import java.lang.reflect.Field;

/**
 * A field of a library's class that offers no getter, made readable once, at class loading: a field renamed in a
 * later version of the library then fails the start with its name, instead of a request later.
 */
public final class InternalFields {

    private InternalFields() {
    }

    /** @param what where the field belongs and what depends on it, for the message when it is gone */
    public static Field of(Class<?> type, String name, String what) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(type.getSimpleName() + " has no field " + name + " any more: " + what, e);
        }
    }
}

package nl.homepair.complaints.web;

/** One problem with one field, in Dutch, as the API returns it. */
public record FieldError(String field, String message) {
}

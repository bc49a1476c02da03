package nl.homepair.complaints.text;

/**
 * Makes text that a complainant typed safe to show in a Camunda Form text view, which
 * renders Markdown and strips HTML: HTML is escaped (so "&lt;b&gt;" is shown, not
 * dropped with its content) and Markdown syntax is backslash-escaped, so that what the
 * handler reads is exactly what was sent. Line breaks are kept.
 */
public final class MarkdownText {

    /**
     * What Markdown reads as syntax; ':' too, so that a bare {@code https://…} in a complainant's text is not made a link
     * a handler clicks from inside Tasklist (GitHub's autolinks), and '=' so that a line under a line of them is not
     * made a heading.
     */
    private static final String SPECIAL = "\\`*_{}[]()#+-.!|~>:=";

    private MarkdownText() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '"' -> out.append("&quot;");
                case '\r' -> { }
                case '\n' -> out.append("  \n");
                default -> {
                    if (SPECIAL.indexOf(c) >= 0) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }

    /** What {@link #escape} was given: for reading a stored value back, e.g. the address in a set-aside mail's sender. */
    public static String unescape(String escaped) {
        if (escaped == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && i + 1 < escaped.length() && SPECIAL.indexOf(escaped.charAt(i + 1)) >= 0) {
                out.append(escaped.charAt(++i));
            } else if (escaped.startsWith("&amp;", i)) {
                out.append('&');
                i += 4;
            } else if (escaped.startsWith("&lt;", i)) {
                out.append('<');
                i += 3;
            } else if (escaped.startsWith("&quot;", i)) {
                out.append('"');
                i += 5;
            } else if (escaped.startsWith("  \n", i)) {
                out.append('\n');
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

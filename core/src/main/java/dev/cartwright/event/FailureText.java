package dev.cartwright.event;

/**
 * What the outbox keeps of a failure: the thrown class's name and its message, cut to
 * {@link ParkedEvent#MAX_ERROR_LENGTH} characters. Every store can hold it: U+0000 (which PostgreSQL text
 * cannot hold) and unpaired surrogates (which no UTF-8 column can) become U+FFFD, and the cut never splits a
 * surrogate pair.
 */
final class FailureText {

    private static final char REPLACEMENT = '\uFFFD';

    private FailureText() {
    }

    static String of(Throwable failure) {
        String message = failure.getMessage();
        return bounded(failure.getClass().getName() + (message == null ? "" : ": " + message));
    }

    static String bounded(String text) {
        StringBuilder kept = new StringBuilder(Math.min(text.length(), ParkedEvent.MAX_ERROR_LENGTH));
        for (int index = 0; index < text.length() && kept.length() < ParkedEvent.MAX_ERROR_LENGTH; index++) {
            char character = text.charAt(index);
            if (Character.isHighSurrogate(character) && index + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(index + 1))) {
                if (kept.length() + 2 > ParkedEvent.MAX_ERROR_LENGTH) {
                    break;
                }
                kept.append(character).append(text.charAt(++index));
            } else if (character == '\u0000' || Character.isSurrogate(character)) {
                kept.append(REPLACEMENT);
            } else {
                kept.append(character);
            }
        }
        return kept.toString();
    }
}

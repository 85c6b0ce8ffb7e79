package dev.cartwright.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValidateTest {

    @Test
    void textKeepsEveryWellFormedStringExactly() {
        for (String text : List.of("", "plain", "\uD83D\uDE00 pair", "\uD834\uDD1E", "\uFFFD", "\u0001\u001F\u007F",
                "\u202E\u200F", "\uDBFF\uDFFF last code point", "x\uD800\uDC00")) {
            assertThat(Validate.text(text, "field")).isSameAs(text);
        }
    }

    @Test
    void textRefusesNulAndEveryUnpairedSurrogateNamingTheField() {
        for (String text : List.of("\u0000", "a\u0000b", "\uD800", "\uDC00", "a\uD800", "\uDC00a", "\uDE00\uD83D",
                "\uD83D\uD83D\uDE00", "\uD83D\uDE00\uDE00")) {
            CommerceException failure = catchThrowableOfType(CommerceException.class,
                    () -> Validate.text(text, "note"));
            assertThat(failure).as(text).isNotNull();
            assertThat(failure.code()).isEqualTo(ErrorCode.VALIDATION);
            assertThat(failure.field()).contains("note");
        }
    }

    @Test
    void lengthChecksRefuseUnstorableTextToo() {
        assertThat(catchThrowableOfType(CommerceException.class, () -> Validate.maxLength("a\uDC00", "x", 10))
                .field()).contains("x");
        assertThat(catchThrowableOfType(CommerceException.class, () -> Validate.notBlank("\uD800", "y", 10))
                .field()).contains("y");
    }

    @Test
    void anInvalidArgumentsMessageNeverCarriesUnstorableText() {
        CommerceException failure = CommerceException.invalid("code", "is unknown: a\u0000b\uD800c\uD83D\uDE00\uDC00");
        assertThat(failure.getMessage()).isEqualTo("code is unknown: a\uFFFDb\uFFFDc\uD83D\uDE00\uFFFD");
    }
}

package dev.quorum.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void plainIdsAreKeptAndOthersAreMadeSafe() {
        assertThat(FileNames.forId("acme__semver-40")).isEqualTo("acme__semver-40");
        String hosted = FileNames.forId("apache/commons-lang#12");
        assertThat(hosted).matches("apache_commons-lang_12-[0-9a-f]{10}");
        assertThat(FileNames.forId("../../etc/passwd")).doesNotContain("/").doesNotStartWith(".");
        assertThat(FileNames.forId("..")).isNotEqualTo("..").doesNotStartWith(".");
        assertThat(FileNames.forId("x".repeat(500)).length()).isLessThan(100);
        assertThatThrownBy(() -> FileNames.forId("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void distinctIdsNeverShareANameEvenIgnoringCase() {
        List<String> ids = List.of("a/b", "a_b", "a:b", "A_B", "a_b-" + FileNames.forId("a/b").substring(4),
                "Foo", "foo", "FOO", "x".repeat(200) + "1", "x".repeat(200) + "2");
        Set<String> names = new HashSet<>();
        for (String id : ids) {
            assertThat(names.add(FileNames.forId(id).toLowerCase(Locale.ROOT))).as(id).isTrue();
            assertThat(FileNames.forId(id)).matches("[A-Za-z0-9_][A-Za-z0-9._-]*");
        }
    }
}

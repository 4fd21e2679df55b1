package io.aside.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkupTest {
    @Test
    void givenMarkupCharacters_whenEscaped_thenEachIsAnEntity() {
        assertThat(Markup.escape("<a href=\"x\">Tom & 'Jerry'</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
    }

    @Test
    void givenCharactersXmlForbids_whenEscaped_thenTheyAreReplacedAndTheRestKept() {
        assertThat(Markup.escape("a\u0000b\u001Bc\td\ne\uFFFFf")).isEqualTo("a\uFFFDb\uFFFDc\td\ne\uFFFDf");
        assertThat(Markup.escape("lone \uD83D, paired \uD83D\uDE00, lone \uDE00")).isEqualTo("lone \uFFFD, paired \uD83D\uDE00, lone \uFFFD");
        assertThat(Markup.escape("µs ≤ 1 ms — ok")).isEqualTo("µs ≤ 1 ms — ok");
    }
}

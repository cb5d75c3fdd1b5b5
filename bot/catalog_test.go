package bot

import (
	"strings"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/bot/chart"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// TestLangForLocale: a client locale the parser does not know (French, none) opens the
// reply in English, so every adapter falls back the same way.
func TestLangForLocale(t *testing.T) {
	tests := map[string]knowledge.Lang{"id": knowledge.ID, "in-ID": knowledge.ID, "id_ID.UTF-8": knowledge.ID,
		"en-GB": knowledge.EN, "fr": knowledge.EN, "": knowledge.EN, "idk": knowledge.EN}
	for in, want := range tests {
		if got := LangForLocale(in); got != want {
			t.Errorf("LangForLocale(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFrontTexts: every sentence an adapter says itself is in the catalogue in both
// languages, and the two differ (an untranslated entry would show English to everyone).
func TestFrontTexts(t *testing.T) {
	for _, key := range []string{TextInternal, TextButtonExpired, TextNotYours, TextNothing, TextSources, TextReadMore, TextTimelineWeb,
		TextFloodNotice, TextConsoleHello} {
		en, id := Text(knowledge.EN, key), Text(knowledge.ID, key)
		if en == key || id == key || en == "" || id == "" || en == id {
			t.Errorf("Text(%q) = %q / %q, want words in both languages", key, en, id)
		}
	}
}

// TestCatalogBothLanguages: every text of the catalogue has words in both languages,
// and both take the same arguments, so a reply never shows an empty line or a
// "%!d(MISSING)" in one of them.
func TestCatalogBothLanguages(t *testing.T) {
	for key, m := range catalog {
		if strings.TrimSpace(m.en) == "" || strings.TrimSpace(m.id) == "" {
			t.Errorf("text %q = %q / %q, want words in both languages", key, m.en, m.id)
		}
		if en, id := verbs(m.en), verbs(m.id); en != id {
			t.Errorf("text %q takes %s in English but %s in Indonesian", key, en, id)
		}
	}
}

// verbs lists the format verbs of s in order ("%d %s"), the arguments it takes.
func verbs(s string) string {
	var out []string
	for i := 0; i < len(s)-1; i++ {
		if s[i] != '%' {
			continue
		}
		if s[i+1] == '%' {
			i++
			continue
		}
		out = append(out, s[i:i+2])
		i++
	}
	return strings.Join(out, " ")
}

// TestChartWords: the timeline chart draws the catalogue's words, and every track of
// the chart has a name in the catalogue (a missing one would show its key in the legend).
func TestChartWords(t *testing.T) {
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	r, err := chart.NewRenderer(-1, chartPicture)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []knowledge.Lang{knowledge.EN, knowledge.ID} {
		for _, tr := range chart.Tracks() {
			if _, ok := catalog["chart.track."+tr.Key]; !ok {
				t.Errorf("track %q has no name in the catalogue", tr.Key)
			}
		}
		l, ok := r.Layout(base, chart.Request{Lang: lang})
		if !ok {
			t.Fatal("the fact base's timeline has no events")
		}
		if l.Title != Text(lang, "chart.title") {
			t.Errorf("%s chart title = %q, want the catalogue's %q", lang, l.Title, Text(lang, "chart.title"))
		}
		for _, it := range l.Legend {
			if it.Label != Text(lang, "chart.track."+it.Track) {
				t.Errorf("%s legend %q = %q, want the catalogue's name", lang, it.Track, it.Label)
			}
		}
	}
}

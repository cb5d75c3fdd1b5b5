package bot

import (
	"testing"

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
	for _, key := range []string{TextInternal, TextButtonExpired, TextNotYours, TextNothing, TextSources, TextReadMore, TextTimelineWeb} {
		en, id := Text(knowledge.EN, key), Text(knowledge.ID, key)
		if en == key || id == key || en == "" || id == "" || en == id {
			t.Errorf("Text(%q) = %q / %q, want words in both languages", key, en, id)
		}
	}
}

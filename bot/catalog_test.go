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

package knowledge

import (
	"strings"
	"testing"
)

// TestFollowupVocabRejectsBadData: vocab/followup.toml is validated like the other
// vocabulary files, so a curator's slip fails with its place named.
func TestFollowupVocabRejectsBadData(t *testing.T) {
	good := string(followupTOML)
	if _, err := parseFollowupVocab(followupTOML); err != nil {
		t.Fatalf("the embedded file was refused: %v", err)
	}
	for _, tt := range []struct{ name, from, to, want string }{
		{"unknown key", "[walk]", "[walk]\nsideways = [\"x\"]", "unknown key"},
		{"empty list", `previous = [`, `previous = [] #`, "empty"},
		{"upper case", `"predecessor"`, `"Predecessor"`, "lower-case"},
		{"two words", `"predecessor"`, `"the predecessor"`, "one word"},
		{"repeated", `"predecessor"`, `"previous"`, "repeated"},
		{"other not in one", `other = ["other"`, `other = ["yonder", "other"`, "not in sibling.one"},
		{"broken TOML", "[then]", "[then", ""},
		{"empty resolver list", `personal = [`, `personal = [] #`, "resolver.personal is empty"},
		{"upper-case ref", `"beliau",
]`, `"Beliau",
]`, "lower-case"},
		{"phrase outside a phrase list", `"orangnya"]`, `"orang nya"]`, "one word"},
		{"repeated ask word", `"sdh",`, `"sdh", "sdh",`, "repeated"},
		{"ordinals out of step", `"kesebelas",`, `"kesebelas", "keduabelas",`, "ordinals_id has 12"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(good, tt.from) {
				t.Fatalf("followup.toml has no %q", tt.from)
			}
			_, err := parseFollowupVocab([]byte(strings.Replace(good, tt.from, tt.to, 1)))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

// TestFollowupVocabIsUsed: the words the matcher and the bot read a follow-up with
// come from vocab/followup.toml: every "before"/"after" word walks the role, every
// listed sibling word is read as a sibling reference, and the exported sets hold
// exactly the file's words.
func TestFollowupVocabIsUsed(t *testing.T) {
	v, err := parseFollowupVocab(followupTOML)
	if err != nil {
		t.Fatal(err)
	}
	m := embeddedMatcher(t)
	for dir, set := range map[int]map[string]bool{-1: v.walkBefore, 1: v.walkAfter} {
		for w := range set {
			if got := WalkDir(m.Parse("and " + w + "?")); got != dir {
				t.Errorf("WalkDir(%q) = %d, want %d", "and "+w+"?", got, dir)
			}
		}
	}
	for w := range v.siblingOne {
		if !siblingOne[w] {
			t.Errorf("sibling word %q from the file is not used", w)
		}
	}
	got := FollowupWords()
	for _, tt := range []struct {
		set  WordSet
		word string
	}{
		{got.YearFiller, "kalo"}, {got.PositionFiller, "keenam"}, {got.Next, "berikutnya"}, {got.Previous, "sebelumnya"},
		{got.Then, "kemudian"}, {got.ThenFiller, "terjadi"}, {got.NotNya, "semuanya"},
	} {
		want := tt.word != "keenam" // an ordinal is the place itself, not filler
		if tt.set.Has(tt.word) != want {
			t.Errorf("exported set has %q = %v, want %v", tt.word, tt.set.Has(tt.word), want)
		}
	}
}

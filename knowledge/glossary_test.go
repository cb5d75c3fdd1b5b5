package knowledge

import "testing"

func TestGlossaryKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"CERT/CSIRT", "cert csirt"},
		{"  Résolution  vs. décision ", "resolution vs decision"},
		{"“International information security”", "international information security"},
		{"L. documents", "l documents"},
		{"", ""},
		{"???", ""},
	}
	for _, tc := range tests {
		if got := GlossaryKey(tc.in); got != tc.want {
			t.Errorf("GlossaryKey(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for in, want := range map[string]string{
		"what is a cbm": "cbm", "apa itu konsensus": "konsensus", "what does poa stand for": "poa", "cbm": "cbm", "the": "the", "a c 1 l": "c 1 l",
	} {
		if got := stripLeadIns(in); got != want {
			t.Errorf("stripLeadIns(%q) = %q, want %q", in, got, want)
		}
	}
}

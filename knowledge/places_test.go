package knowledge

import (
	"strings"
	"testing"
)

// A fact's place names a city of the place vocabulary, which knows its country:
// a misspelt or unknown place is caught at load, not read as no place at all.
func TestPlaceField(t *testing.T) {
	base := embeddedMatcher(t).base
	placed := 0
	for _, f := range base.Facts() {
		if f.Place == "" {
			continue
		}
		placed++
		if _, ok := placeTables.cityCountry[f.Place]; !ok {
			t.Errorf("%s: place %q is not in vocab/places.toml", f.ID, f.Place)
		}
	}
	if placed == 0 {
		t.Error("no fact carries a place")
	}
	for _, c := range []struct{ id, country string }{
		{"cybercrime-convention", "Viet Nam"},
		{"budapest-convention", "Hungary"},
		{"paris-call", "France"},
	} {
		f, ok := base.Get(c.id)
		if !ok || placeTables.cityCountry[f.Place] != c.country {
			t.Errorf("%s: place %q, want a city of %s", c.id, f.Place, c.country)
		}
	}
	problems := validate([]*Fact{{ID: "x", Kind: KindEvent, Topics: []string{"gge"}, Place: "Hanoi City"}})
	found := false
	for _, p := range problems {
		found = found || p.Field == "place"
	}
	if !found {
		t.Errorf("an unknown place passed validation: %v", problems)
	}
}

func TestParsePlaces(t *testing.T) {
	for _, c := range []struct {
		name, data, err string
	}{
		{"ok", "[[country]]\nname = \"Hungary\"\nspellings = [\"hungary\"]\n[[city]]\nname = \"Budapest\"\ncountry = \"Hungary\"\nspellings = [\"budapest\"]\n", ""},
		{"city outside any country", "[[city]]\nname = \"Budapest\"\ncountry = \"Hungary\"\nspellings = [\"budapest\"]\n", "not a listed country"},
		{"upper-case spelling", "[[country]]\nname = \"Hungary\"\nspellings = [\"Hungary\"]\n", "lower-case"},
		{"no spellings", "[[country]]\nname = \"Hungary\"\n", "no spellings"},
		{"unknown key", "colour = 1\n", "unknown keys"},
	} {
		_, err := parsePlaces([]byte(c.data))
		if c.err == "" && err != nil || c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)) {
			t.Errorf("%s: err %v, want %q", c.name, err, c.err)
		}
	}
}

// A "where" question about a subject is answered by the fact whose place field
// says where, not by a neighbour on the same subject that names no place; one
// that names no subject of its own leans on the previous answer and is left alone.
func TestPlacedAnswer(t *testing.T) {
	m := embeddedMatcher(t)
	checkAnswers(t, m, []answerCase{
		{q: "where was the UN cybercrime convention signed?", want: "cybercrime-convention-hanoi-signing"},
		{q: "konvensi PBB soal cybercrime ditandatangani di mana?", want: "cybercrime-convention-hanoi-signing", lang: ID},
	})
	ranked := m.Match("where was the UN cybercrime convention signed?", EN).Candidates
	if _, ok := placedAnswer(ranked, m.Parse("ditandatangani di mana?"), 0); ok {
		t.Error("a where question naming no entity was answered from a place field")
	}
}

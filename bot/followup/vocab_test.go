package followup

import (
	"strings"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// TestPatternsUseTheVocabulary: the follow-up patterns are built from
// knowledge/vocab/followup.toml ([resolver]), so every listed word is read the way
// its list says, and a word in no list is not.
func TestPatternsUseTheVocabulary(t *testing.T) {
	v := knowledge.FollowupWords()
	for _, tt := range []struct {
		name  string
		list  knowledge.WordList
		match func(w string) bool
	}{
		{"refs point back", v.Refs, func(w string) bool { return followUpRef.MatchString("who chaired " + w + "?") }},
		{"personal words point at a person", v.Personal, func(w string) bool { return personalRef.MatchString("where is " + w + " from") }},
		{"body words ask about a body", v.BodyWords, func(w string) bool { return bodyAttribute.MatchString(w + " siapa") }},
		{"body names, with -nya", v.BodyNames, func(w string) bool { return bodyAttribute.MatchString(w + "nya gagal kenapa") }},
		{"chair words ask who chaired", v.ChairWords, func(w string) bool { return AsksAboutBody("siapa " + w) }},
		{"chair names, with -nya", v.ChairNames, func(w string) bool { return AsksAboutBody(w + "nya kapan dibentuk") }},
		{"openers ask on", v.AskOpeners, func(w string) bool { return asking.MatchString(w + " hasilnya") }},
		{"question words ask", v.AskWords, func(w string) bool { return asking.MatchString("hasilnya " + w) }},
		{"letter leads name a letter", v.LetterLeads, func(w string) bool { return letterRef.MatchString(w + " (k)?") }},
		{"letter nouns name a letter", v.LetterNouns, func(w string) bool { return letterRef.MatchString("kalau " + w + " h?") }},
		{"English ordinals open an alias", v.OrdinalsEN, func(w string) bool { return ordinalAliasEN.MatchString(w + " GGE") }},
		{"Indonesian ordinals close an alias", v.OrdinalsID, func(w string) bool { return ordinalAliasID.MatchString("OEWG " + w) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			words := tt.list.Words()
			if len(words) == 0 {
				t.Fatal("the list is empty")
			}
			for _, w := range words {
				if !tt.match(w) {
					t.Errorf("%q is listed but not read", w)
				}
			}
			if tt.match("zzqx") {
				t.Error("a word in no list is read")
			}
		})
	}
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if !v.GenericAcronyms.Has("pbb") || New(base).names["pbb"] {
		t.Error("a generic acronym (PBB) is counted as a subject of its own")
	}
}

// TestPointedUsesVocab: the words that point at the conversation's instance of a
// series come from vocab/followup.toml ([subject]); each one, before or after the
// series' name, rewrites the question to name the instance.
func TestPointedUsesVocab(t *testing.T) {
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	r := New(base)
	vocab := knowledge.FollowupWords()
	for _, c := range []struct {
		q    string
		want bool
	}{
		{"who chaired that GGE?", vocab.PointingBefore.Has("that")},
		{"GGE tersebut dibentuk kapan?", vocab.PointingAfter.Has("tersebut")},
		{"who chaired the GGE?", vocab.PointingBefore.Has("the")},
		{"who chaired GGE?", false},
	} {
		got, ok := r.Pointed(c.q, "gge-2013-report")
		if ok != c.want || ok && !strings.Contains(got, "GGE 2012–2013") {
			t.Errorf("Pointed(%q) after gge-2013-report = %q, %v; want the GGE 2012–2013: %v", c.q, got, ok, c.want)
		}
	}
	if _, ok := r.Pointed("who chaired that GGE?", "paris-call"); ok {
		t.Error("Pointed after the Paris Call: the conversation is about no GGE")
	}
}

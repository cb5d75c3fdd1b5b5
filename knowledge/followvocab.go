package knowledge

import (
	"bytes"
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// The words that tell how a message leans on the last answer are data:
// vocab/followup.toml, embedded and validated when the package loads, like the
// lexicon. The matcher reads them here; the bot's follow-up reader through
// FollowupWords.

//go:embed vocab/followup.toml
var followupTOML []byte

// followupFile is vocab/followup.toml.
type followupFile struct {
	Reference struct {
		BackWords           []string `toml:"back_words"`
		Openers             []string `toml:"openers"`
		NotNya              []string `toml:"not_nya"`
		DemonstrativeBefore []string `toml:"demonstrative_before"`
		DemonstrativeAfter  []string `toml:"demonstrative_after"`
	} `toml:"reference"`
	Subject struct {
		PointingBefore []string `toml:"pointing_before"`
		PointingAfter  []string `toml:"pointing_after"`
	} `toml:"subject"`
	Sibling struct {
		One   []string `toml:"one"`
		Other []string `toml:"other"`
	} `toml:"sibling"`
	Walk struct {
		Before []string `toml:"before"`
		After  []string `toml:"after"`
	} `toml:"walk"`
	Series struct {
		YearFiller     []string `toml:"year_filler"`
		PositionFiller []string `toml:"position_filler"`
		Next           []string `toml:"next"`
		Previous       []string `toml:"previous"`
	} `toml:"series"`
	Then struct {
		Words  []string `toml:"words"`
		Filler []string `toml:"filler"`
	} `toml:"then"`
	Resolver struct {
		Refs            []string `toml:"refs"`
		Personal        []string `toml:"personal"`
		BodyWords       []string `toml:"body_words"`
		BodyNames       []string `toml:"body_names"`
		ChairWords      []string `toml:"chair_words"`
		ChairNames      []string `toml:"chair_names"`
		AskOpeners      []string `toml:"ask_openers"`
		AskWords        []string `toml:"ask_words"`
		LetterLeads     []string `toml:"letter_leads"`
		LetterNouns     []string `toml:"letter_nouns"`
		GenericAcronyms []string `toml:"generic_acronyms"`
		OrdinalsEN      []string `toml:"ordinals_en"`
		OrdinalsID      []string `toml:"ordinals_id"`
		OrdinalPrefixes []string `toml:"ordinal_prefixes"`
		NumberedSeries  []string `toml:"numbered_series"`
	} `toml:"resolver"`
}

// WordSet is a read-only set of normalised words from a vocabulary file.
type WordSet struct{ m map[string]bool }

// Has reports whether w (lower-case) is in the set.
func (s WordSet) Has(w string) bool { return s.m[w] }

// WordList is a read-only, ordered list of words or phrases from a vocabulary file,
// for a pattern that tries them in the file's order.
type WordList struct{ words []string }

// Words returns a copy of the list, in file order.
func (l WordList) Words() []string { return slices.Clone(l.words) }

// Alt is the list as a regular-expression alternation of literals in file order
// ("it|its|it's"), for the caller to wrap in the groups and boundaries it needs.
func (l WordList) Alt() string {
	quoted := make([]string, len(l.words))
	for i, w := range l.words {
		quoted[i] = regexp.QuoteMeta(w)
	}
	return strings.Join(quoted, "|")
}

// FollowupVocab is the follow-up vocabulary the bot's follow-up reader uses: what a
// year-only or place-only follow-up may carry besides its year or place, the words
// that move along a series, those that ask what came next, and the words ending in
// "nya" that do not point back; and the [resolver] lists it builds its patterns from.
type FollowupVocab struct {
	YearFiller, PositionFiller, Next, Previous, Then, ThenFiller, NotNya WordSet
	GenericAcronyms                                                      WordSet
	// PointingBefore and PointingAfter, around a series' name, point at the
	// instance the conversation is about ("that GGE", "GGE tersebut").
	PointingBefore, PointingAfter                                          WordSet
	Refs, Personal, BodyWords, BodyNames, ChairWords, ChairNames           WordList
	AskOpeners, AskWords, LetterLeads, LetterNouns, OrdinalsEN, OrdinalsID WordList
}

// followWords is the embedded follow-up vocabulary, read-only after load.
var followWords = mustFollowupVocab(followupTOML)

// FollowupWords returns the embedded follow-up vocabulary.
func FollowupWords() FollowupVocab { return followWords.exported }

// followupVocab is followupFile compiled to sets.
type followupVocab struct {
	backWords, openers, notNya, demonstrativeBefore, demonstrativeAfter map[string]bool
	siblingOne, siblingOther, walkBefore, walkAfter                     map[string]bool
	// ordinalPrefixes and ordinalsID read a place written with its number ("ke3").
	ordinalPrefixes, ordinalsID, ordinalsEN []string
	// numberedSeries name a series whose place chat writes as a bare number after
	// the name ("OEWG 2", "GGE 6").
	numberedSeries map[string]bool
	exported       FollowupVocab
}

// mustFollowupVocab compiles the embedded file; it is part of the binary, so a
// broken file is a build defect that every test run catches.
func mustFollowupVocab(data []byte) *followupVocab {
	v, err := parseFollowupVocab(data)
	if err != nil {
		panic("knowledge: vocab/followup.toml: " + err.Error())
	}
	return v
}

func parseFollowupVocab(data []byte) (*followupVocab, error) {
	var f followupFile
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&f)
	if err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("unknown key %s", und[0])
	}
	lists := []struct {
		name string
		list []string
	}{
		{"reference.back_words", f.Reference.BackWords}, {"reference.openers", f.Reference.Openers},
		{"reference.not_nya", f.Reference.NotNya}, {"reference.demonstrative_before", f.Reference.DemonstrativeBefore},
		{"reference.demonstrative_after", f.Reference.DemonstrativeAfter}, {"sibling.one", f.Sibling.One},
		{"sibling.other", f.Sibling.Other}, {"subject.pointing_before", f.Subject.PointingBefore},
		{"subject.pointing_after", f.Subject.PointingAfter}, {"walk.before", f.Walk.Before}, {"walk.after", f.Walk.After},
		{"series.year_filler", f.Series.YearFiller}, {"series.position_filler", f.Series.PositionFiller},
		{"series.next", f.Series.Next}, {"series.previous", f.Series.Previous},
		{"then.words", f.Then.Words}, {"then.filler", f.Then.Filler},
	}
	for _, l := range lists {
		if len(l.list) == 0 {
			return nil, fmt.Errorf("%s is empty", l.name)
		}
		seen := map[string]bool{}
		for _, w := range l.list {
			if err := lowerWord(l.name, w); err != nil {
				return nil, err
			}
			if bytes.ContainsAny([]byte(w), " \t") {
				return nil, fmt.Errorf("%s: %q must be one word", l.name, w)
			}
			if seen[w] {
				return nil, fmt.Errorf("%s: %q is repeated", l.name, w)
			}
			seen[w] = true
		}
	}
	if err := checkResolverVocab(&f); err != nil {
		return nil, err
	}
	one := setOfList(f.Sibling.One)
	for _, w := range f.Sibling.Other {
		// "the other one?" is a sibling reference before it is a request for the other.
		if !one[w] {
			return nil, fmt.Errorf("sibling.other: %q is not in sibling.one", w)
		}
	}
	set := func(l []string) WordSet { return WordSet{setOfList(l)} }
	return &followupVocab{
		backWords: setOfList(f.Reference.BackWords), openers: setOfList(f.Reference.Openers),
		notNya: setOfList(f.Reference.NotNya), demonstrativeBefore: setOfList(f.Reference.DemonstrativeBefore),
		demonstrativeAfter: setOfList(f.Reference.DemonstrativeAfter), siblingOne: one,
		siblingOther: setOfList(f.Sibling.Other), walkBefore: setOfList(f.Walk.Before), walkAfter: setOfList(f.Walk.After),
		ordinalPrefixes: f.Resolver.OrdinalPrefixes, ordinalsID: f.Resolver.OrdinalsID, ordinalsEN: f.Resolver.OrdinalsEN,
		numberedSeries: setOfList(f.Resolver.NumberedSeries),
		exported: FollowupVocab{
			YearFiller: set(f.Series.YearFiller), PositionFiller: set(f.Series.PositionFiller),
			Next: set(f.Series.Next), Previous: set(f.Series.Previous),
			Then: set(f.Then.Words), ThenFiller: set(f.Then.Filler), NotNya: set(f.Reference.NotNya),
			GenericAcronyms: set(f.Resolver.GenericAcronyms),
			PointingBefore:  set(f.Subject.PointingBefore), PointingAfter: set(f.Subject.PointingAfter),
			Refs: WordList{f.Resolver.Refs}, Personal: WordList{f.Resolver.Personal},
			BodyWords: WordList{f.Resolver.BodyWords}, BodyNames: WordList{f.Resolver.BodyNames},
			ChairWords: WordList{f.Resolver.ChairWords}, ChairNames: WordList{f.Resolver.ChairNames},
			AskOpeners: WordList{f.Resolver.AskOpeners}, AskWords: WordList{f.Resolver.AskWords},
			LetterLeads: WordList{f.Resolver.LetterLeads}, LetterNouns: WordList{f.Resolver.LetterNouns},
			OrdinalsEN: WordList{f.Resolver.OrdinalsEN}, OrdinalsID: WordList{f.Resolver.OrdinalsID},
		},
	}, nil
}

// checkResolverVocab checks the [resolver] lists: none empty, every entry lower-case
// and not repeated, one word except in the phrase lists, and as many Indonesian
// ordinals as English ones (a place is named in either language).
func checkResolverVocab(f *followupFile) error {
	r := f.Resolver
	for _, l := range []struct {
		name    string
		list    []string
		phrases bool
	}{
		{"resolver.refs", r.Refs, false}, {"resolver.personal", r.Personal, false},
		{"resolver.body_words", r.BodyWords, false}, {"resolver.body_names", r.BodyNames, false},
		{"resolver.chair_words", r.ChairWords, false}, {"resolver.chair_names", r.ChairNames, false},
		{"resolver.ask_openers", r.AskOpeners, true}, {"resolver.ask_words", r.AskWords, false},
		{"resolver.letter_leads", r.LetterLeads, true}, {"resolver.letter_nouns", r.LetterNouns, false},
		{"resolver.generic_acronyms", r.GenericAcronyms, false},
		{"resolver.ordinals_en", r.OrdinalsEN, false}, {"resolver.ordinals_id", r.OrdinalsID, false},
		{"resolver.ordinal_prefixes", r.OrdinalPrefixes, false},
		{"resolver.numbered_series", r.NumberedSeries, false},
	} {
		if err := checkPhraseList(l.name, l.list, l.phrases); err != nil {
			return err
		}
	}
	if len(r.OrdinalsEN) != len(r.OrdinalsID) {
		return fmt.Errorf("resolver.ordinals_id has %d words, ordinals_en %d", len(r.OrdinalsID), len(r.OrdinalsEN))
	}
	return nil
}

// checkPhraseList rejects an empty list, an entry that is not lower case, one that
// repeats, and, unless phrases, one of more than one word.
func checkPhraseList(name string, list []string, phrases bool) error {
	if len(list) == 0 {
		return fmt.Errorf("%s is empty", name)
	}
	seen := map[string]bool{}
	for _, w := range list {
		if err := lowerWord(name, w); err != nil {
			return err
		}
		if !phrases && strings.ContainsAny(w, " \t") {
			return fmt.Errorf("%s: %q must be one word", name, w)
		}
		if seen[w] {
			return fmt.Errorf("%s: %q is repeated", name, w)
		}
		seen[w] = true
	}
	return nil
}

// withoutOpener is raw without an opening connective that names and asks nothing
// ("trus GGE 2013 hasilnya apa?", "lalu …"): it only says the message continues the
// chat, which Read sees in the raw tokens, and as content it would dilute what the
// question names. Question words and concepts ("how", "what") stay.
func withoutOpener(raw []rawToken) []rawToken {
	if len(raw) < 2 || raw[0].kind != tokWord || !openers[raw[0].text] || lex.byFirst[raw[0].text] != nil {
		return raw
	}
	return raw[1:]
}

// numberedOrdinal is the Indonesian ordinal a prefix and a number write ("ke" and
// "3": "ketiga"), from vocab/followup.toml; ok is false for another prefix or a
// number outside the list.
func numberedOrdinal(prefix, number string) (string, bool) {
	if !slices.Contains(followWords.ordinalPrefixes, prefix) || number == "" || len(number) > 2 || !isDigits(number) {
		return "", false
	}
	n := 0
	for _, c := range number {
		n = 10*n + int(c-'0')
	}
	if n < 1 || n > len(followWords.ordinalsID) {
		return "", false
	}
	return followWords.ordinalsID[n-1], true
}

// gluedOrdinal reads a chat ordinal written as one word with its number ("ke3").
func gluedOrdinal(w string) (string, bool) {
	for _, p := range followWords.ordinalPrefixes {
		if rest, ok := strings.CutPrefix(w, p); ok {
			return numberedOrdinal(p, rest)
		}
	}
	return "", false
}

// ExpandOrdinals rewrites the chat ordinals of s written with their number ("ke3",
// "ke-3", "ke 3") as the Indonesian ordinal word ("ketiga"), so that a reader of
// words ("yg ke4?" names a place in a series) sees the place; a number a counted
// noun follows ("ke 11 norma") stays.
func ExpandOrdinals(s string) string {
	locs := numberedRE.FindAllStringSubmatchIndex(s, -1)
	if locs == nil {
		return s
	}
	var b strings.Builder
	at := 0
	for _, l := range locs {
		w, ok := numberedOrdinal(strings.ToLower(s[l[2]:l[3]]), s[l[4]:l[5]])
		next := strings.Fields(s[l[1]:])
		if !ok || len(next) > 0 && countedNouns[strings.ToLower(strings.Trim(next[0], "?!.,"))] {
			continue
		}
		b.WriteString(s[at:l[0]])
		b.WriteString(w)
		at = l[1]
	}
	b.WriteString(s[at:])
	return b.String()
}

// numberedRE finds a prefix and a number, glued or not ("ke3", "ke-3", "ke 3").
var numberedRE = regexp.MustCompile(`(?i)\b(` + WordList{followWords.ordinalPrefixes}.Alt() + `)[- ]?(\d{1,2})\b`)

// seriesPlaces reads a bare one-digit number right after a series' name in a
// question as its place: "OEWG 2" is "OEWG kedua", "GGE 6" "GGE keenam"
// (resolver.numbered_series). A year ("OEWG 2021") or a number a counted noun
// follows ("GGE 5 negara") is left alone. Only questions are read so: the facts'
// own aliases ("GGE 3") keep their words.
func seriesPlaces(raw []rawToken) []rawToken {
	var out []rawToken
	for i := 0; i+1 < len(raw); i++ {
		t, n := raw[i], raw[i+1]
		if !followWords.numberedSeries[t.text] || n.kind != tokNumber || len(n.text) != 1 ||
			i+2 < len(raw) && countedNouns[raw[i+2].text] {
			continue
		}
		k := int(n.text[0] - '0')
		if k < 1 || k > len(followWords.ordinalsID) {
			continue
		}
		if out == nil {
			out = append([]rawToken(nil), raw...)
		}
		out[i+1] = rawToken{followWords.ordinalsID[k-1], tokWord}
	}
	if out == nil {
		return raw
	}
	return out
}

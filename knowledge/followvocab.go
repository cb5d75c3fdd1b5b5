package knowledge

import (
	"bytes"
	_ "embed"
	"fmt"

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
}

// WordSet is a read-only set of normalised words from a vocabulary file.
type WordSet struct{ m map[string]bool }

// Has reports whether w (lower-case) is in the set.
func (s WordSet) Has(w string) bool { return s.m[w] }

// FollowupVocab is the follow-up vocabulary the bot's follow-up reader uses: what a
// year-only or place-only follow-up may carry besides its year or place, the words
// that move along a series, those that ask what came next, and the words ending in
// "nya" that do not point back.
type FollowupVocab struct {
	YearFiller, PositionFiller, Next, Previous, Then, ThenFiller, NotNya WordSet
}

// followWords is the embedded follow-up vocabulary, read-only after load.
var followWords = mustFollowupVocab(followupTOML)

// FollowupWords returns the embedded follow-up vocabulary.
func FollowupWords() FollowupVocab { return followWords.exported }

// followupVocab is followupFile compiled to sets.
type followupVocab struct {
	backWords, openers, notNya, demonstrativeBefore, demonstrativeAfter map[string]bool
	siblingOne, siblingOther, walkBefore, walkAfter                     map[string]bool
	exported                                                            FollowupVocab
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
		{"sibling.other", f.Sibling.Other}, {"walk.before", f.Walk.Before}, {"walk.after", f.Walk.After},
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
		exported: FollowupVocab{
			YearFiller: set(f.Series.YearFiller), PositionFiller: set(f.Series.PositionFiller),
			Next: set(f.Series.Next), Previous: set(f.Series.Previous),
			Then: set(f.Then.Words), ThenFiller: set(f.Then.Filler), NotNya: set(f.Reference.NotNya),
		},
	}, nil
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

// Package knowledge holds cyberdiplo's curated fact base and the matcher that
// finds the fact a question asks for. It knows nothing about chat platforms.
package knowledge

import (
	"strings"
)

// Lang is a reply language. Only the two languages the users ask in exist.
type Lang string

// Supported languages.
const (
	EN Lang = "en"
	ID Lang = "id"
)

// Other is the other of the two languages: what a "switch language" button offers.
func (l Lang) Other() Lang {
	if l == ID {
		return EN
	}
	return ID
}

// ParseLang accepts "en"/"id" and common spellings of them; ok is false otherwise.
func ParseLang(s string) (Lang, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "en", "eng", "english", "inggris":
		return EN, true
	case "id", "ind", "indonesia", "indonesian", "bahasa", "in":
		return ID, true
	}
	return "", false
}

// Source is where a fact can be checked. Title, URL and Symbol are enough to link it;
// the other fields are what an APA 7 or Chicago citation of it needs (see cite.go).
type Source struct {
	// Title is the title as published, without the site's name or curators' remarks.
	Title  string `toml:"title" json:"title"`
	URL    string `toml:"url" json:"url"`
	Symbol string `toml:"symbol,omitempty" json:"symbol,omitempty"` // UN document symbol, when there is one
	// Kind is what the source is: "" or "web" (a page on a website), "article" (in a
	// newspaper, magazine, news agency or blog), "press" (press release or statement),
	// "journal" (journal article), "book" (book, manual or report published as one).
	// A source with a UN symbol is a UN document whatever its kind.
	Kind string `toml:"kind,omitempty" json:"kind,omitempty"`
	// Author is a person ("Schmitt, Michael N.", several joined by "; ") or an
	// organisation; empty when the publisher is the author or no one is named.
	Author string `toml:"author,omitempty" json:"author,omitempty"`
	// Publisher is the website, newspaper, journal or book publisher.
	Publisher string `toml:"publisher,omitempty" json:"publisher,omitempty"`
	// Published is the date the source bears (YYYY, YYYY-MM or YYYY-MM-DD).
	Published string `toml:"published,omitempty" json:"published,omitempty"`
	// Accessed is when the curators consulted a page that changes or bears no date (YYYY-MM-DD).
	Accessed string `toml:"accessed,omitempty" json:"accessed,omitempty"`
	// Volume, Issue and Pages locate a journal article.
	Volume string `toml:"volume,omitempty" json:"volume,omitempty"`
	Issue  string `toml:"issue,omitempty" json:"issue,omitempty"`
	Pages  string `toml:"pages,omitempty" json:"pages,omitempty"`
	// Note is the curators' remark on what the source shows; it never enters a citation.
	Note string `toml:"note,omitempty" json:"note,omitempty"`
}

// Label is how a chat reply names the source: "Publisher: Title", or the title alone
// when the publisher is unknown or already in it.
func (s Source) Label() string {
	p := strings.TrimSpace(s.Publisher)
	if p == "" || strings.Contains(strings.ToLower(s.Title), strings.ToLower(p)) {
		return s.Title
	}
	return p + ": " + s.Title
}

// Fact is one curated, sourced statement with its bilingual wording.
type Fact struct {
	ID       string   `toml:"id" json:"id"`
	Kind     Kind     `toml:"kind" json:"kind"`
	Date     string   `toml:"date,omitempty" json:"date,omitempty"` // YYYY, YYYY-MM or YYYY-MM-DD
	Topics   []string `toml:"topics" json:"topics"`
	Timeline bool     `toml:"timeline" json:"timeline"`
	// Symbols are the document symbols this fact is about (looked up by name).
	Symbols []string `toml:"symbols,omitempty" json:"symbols,omitempty"`
	// Aliases are names, abbreviations and keywords in either language.
	Aliases []string `toml:"aliases,omitempty" json:"aliases,omitempty"`
	Related []string `toml:"related,omitempty" json:"related,omitempty"`
	// Describe are ways to name the subject without its name, in either language
	// ("the working group open to every UN member", "konvensi yang diteken di
	// Hanoi"): students often ask by description. They rank like phrasings but
	// are not names (they never make a question name the fact).
	Describe []string `toml:"describe,omitempty" json:"describe,omitempty"`
	// AsOf dates a time-sensitive fact (YYYY-MM or YYYY-MM-DD).
	AsOf string `toml:"as_of,omitempty" json:"as_of,omitempty"`
	// Chair is who chaired the body or meeting the fact is about, "Name (Country)".
	Chair string `toml:"chair,omitempty" json:"chair,omitempty"`
	// Body is the short name of the body the fact is about ("OEWG 2019–2021", "GGE 2014–2015").
	Body string `toml:"body,omitempty" json:"body,omitempty"`
	// Place is the city where the thing the fact is about was signed, adopted,
	// held or launched, as its sources say ("Hanoi", "Budapest"): one of the
	// cities of vocab/places.toml, which also knows its country (placed.go).
	Place string `toml:"place,omitempty" json:"place,omitempty"`
	// ProposedBy are the states that proposed, sponsored or drafted what the fact
	// is about, as the lexicon's place concepts ("russia", "usa"); states the
	// lexicon does not name stay in the answer only. Students name a thing by its
	// proposer ("the resolution Russia proposed in 2018"); see proposed.go.
	ProposedBy []string `toml:"proposed_by,omitempty" json:"proposed_by,omitempty"`
	// Members is who may sit on the body: "all" (every UN member state), a count
	// of states or experts ("25"), or "limited" (a small group whose size the
	// sources do not fix). Students name a body by it ("the group every UN member
	// could join", "the 25-expert group"); see members.go.
	Members string `toml:"members,omitempty" json:"members,omitempty"`
	// Began is the id of the fact that dates when the thing began its work: a
	// body's first (organisational) session, the day a directory went live; the
	// fact itself when its own answer dates that ("convened in November 2009").
	// Students ask "when did X start" meaning this, not the day X was created;
	// see lifespan.go. The linked fact must exist and be dated, not before this one.
	Began string `toml:"began,omitempty" json:"began,omitempty"`
	// Ended is the id of the fact that dates when the thing ended or concluded
	// its work: its final session, final report or approved text (the fact
	// itself when its own answer dates that). Checked like Began.
	Ended string `toml:"ended,omitempty" json:"ended,omitempty"`

	TitleEN     string   `toml:"title_en" json:"title_en"`
	TitleID     string   `toml:"title_id" json:"title_id"`
	AnswerEN    string   `toml:"answer_en" json:"answer_en"`
	AnswerID    string   `toml:"answer_id" json:"answer_id"`
	QuestionsEN []string `toml:"questions_en" json:"questions_en"`
	QuestionsID []string `toml:"questions_id" json:"questions_id"`

	Sources []Source `toml:"sources" json:"sources"`

	// File is the fact file the fact was loaded from (for error messages).
	File string `toml:"-" json:"file"`
}

// Title returns the fact's title in lang.
func (f *Fact) Title(lang Lang) string {
	if lang == ID {
		return f.TitleID
	}
	return f.TitleEN
}

// Answer returns the fact's answer in lang.
func (f *Fact) Answer(lang Lang) string {
	if lang == ID {
		return f.AnswerID
	}
	return f.AnswerEN
}

// Questions returns the fact's curated question phrasings in lang.
func (f *Fact) Questions(lang Lang) []string {
	if lang == ID {
		return f.QuestionsID
	}
	return f.QuestionsEN
}

// Year returns the fact's year, or 0 when it has no date.
func (f *Fact) Year() int {
	if len(f.Date) < 4 {
		return 0
	}
	y := 0
	for _, c := range f.Date[:4] {
		if c < '0' || c > '9' {
			return 0
		}
		y = y*10 + int(c-'0')
	}
	return y
}

// HasTopic reports whether the fact is filed under topic.
func (f *Fact) HasTopic(topic string) bool {
	for _, t := range f.Topics {
		if t == topic {
			return true
		}
	}
	return false
}

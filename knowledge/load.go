package knowledge

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

//go:embed facts/*.toml
var embeddedFacts embed.FS

// Embedded loads the fact base compiled into the binary.
func Embedded() (*Base, error) {
	sub, err := fs.Sub(embeddedFacts, "facts")
	if err != nil {
		return nil, fmt.Errorf("embedded facts: %w", err)
	}
	return Load(sub)
}

// Limits of a well-formed fact. An answer is one to four sentences.
const (
	MaxAnswerRunes   = 700
	MaxTitleRunes    = 120
	MinQuestions     = 3
	docsUNPrefix     = "https://docs.un.org/en/"
	maxFactFileBytes = 4 << 20
)

// Problem is one thing wrong with a fact file, precise enough to fix without guessing.
type Problem struct {
	File   string `json:"file"`
	FactID string `json:"fact_id,omitempty"`
	Field  string `json:"field,omitempty"`
	Msg    string `json:"message"`
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.FactID != "" {
		b.WriteString(": fact " + p.FactID)
	}
	if p.Field != "" {
		b.WriteString(": " + p.Field)
	}
	b.WriteString(": " + p.Msg)
	return b.String()
}

// ValidationError lists every problem found while loading; a base with problems is never used.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	lines := make([]string, 0, len(e.Problems)+1)
	lines = append(lines, fmt.Sprintf("fact base has %d problem(s):", len(e.Problems)))
	for _, p := range e.Problems {
		lines = append(lines, "  "+p.String())
	}
	return strings.Join(lines, "\n")
}

type factFile struct {
	Fact []Fact `toml:"fact"`
}

// Load reads every *.toml file of each file system (recursively), validates the union and
// returns the base. Later file systems may not redefine ids of earlier ones.
func Load(fsyses ...fs.FS) (*Base, error) {
	var facts []*Fact
	var problems []Problem
	forms := map[string]string{}
	for _, fsys := range fsyses {
		fs2, probs, err := readFacts(fsys, forms)
		if err != nil {
			return nil, err
		}
		facts = append(facts, fs2...)
		problems = append(problems, probs...)
	}
	problems = append(problems, validate(facts)...)
	if len(problems) > 0 {
		return nil, &ValidationError{Problems: problems}
	}
	b := newBase(facts)
	b.chatForms = forms
	return b, nil
}

// packVocabFile is the name of a fact pack's vocabulary: the chat forms of a
// course or a region ("amrik" for Amerika), read beside its facts.
const packVocabFile = "vocab.toml"

// readPackVocab reads a pack's vocabulary into forms: `[colloquial]` maps one
// lower-case chat word onto the word or words it stands for.
func readPackVocab(name string, data []byte, forms map[string]string) []Problem {
	var v struct {
		Colloquial map[string]string `toml:"colloquial"`
	}
	md, err := toml.Decode(string(data), &v)
	if err != nil {
		return []Problem{{File: name, Msg: err.Error()}}
	}
	var problems []Problem
	for _, key := range md.Undecoded() {
		problems = append(problems, Problem{File: name, Field: key.String(), Msg: "unknown key (a pack's vocabulary holds [colloquial] only)"})
	}
	for k, to := range v.Colloquial {
		switch {
		case k == "" || k != strings.ToLower(k) || strings.ContainsAny(k, " \t"):
			problems = append(problems, Problem{File: name, Field: "colloquial." + k, Msg: "a chat form is one lower-case word"})
		case strings.TrimSpace(to) == "" || to != strings.ToLower(to):
			problems = append(problems, Problem{File: name, Field: "colloquial." + k, Msg: "the standard form must be lower-case words"})
		default:
			forms[k] = to
		}
	}
	return problems
}

func readFacts(fsys fs.FS, forms map[string]string) ([]*Fact, []Problem, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".toml") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("listing fact files: %w", err)
	}
	sort.Strings(files)
	var facts []*Fact
	var problems []Problem
	for _, name := range files {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, nil, fmt.Errorf("reading %s: %w", name, err)
		}
		if len(data) > maxFactFileBytes {
			problems = append(problems, Problem{File: name, Msg: "file is larger than 4 MiB"})
			continue
		}
		if !utf8.Valid(data) {
			problems = append(problems, Problem{File: name, Msg: "file is not valid UTF-8"})
			continue
		}
		if path.Base(name) == packVocabFile {
			problems = append(problems, readPackVocab(name, data, forms)...)
			continue
		}
		var ff factFile
		md, err := toml.Decode(string(data), &ff)
		if err != nil {
			var perr toml.ParseError
			if errors.As(err, &perr) {
				problems = append(problems, Problem{File: name, Msg: fmt.Sprintf("line %d: %s", perr.Position.Line, perr.Message)})
			} else {
				problems = append(problems, Problem{File: name, Msg: err.Error()})
			}
			continue
		}
		for _, key := range md.Undecoded() {
			problems = append(problems, Problem{File: name, Field: key.String(), Msg: "unknown key"})
		}
		if len(ff.Fact) == 0 {
			problems = append(problems, Problem{File: name, Msg: "no [[fact]] entries"})
		}
		for i := range ff.Fact {
			f := ff.Fact[i]
			f.File = name
			facts = append(facts, &f)
		}
	}
	return facts, problems, nil
}

var (
	idPattern    = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	datePattern  = regexp.MustCompile(`^\d{4}(?:-\d{2}(?:-\d{2})?)?$`)
	symbolInText = regexp.MustCompile(`\b(?:A|S|E)/(?:RES/|C\.\d/|AC\.\d+/|HRC/)?\d{2,4}(?:/[A-Za-z0-9.]+)*`)
)

// SymbolsIn returns the UN document symbols named in text, in order, without duplicates.
func SymbolsIn(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range symbolInText.FindAllString(text, -1) {
		m = strings.TrimRight(m, ".,;:")
		if !seen[m] {
			seen[m] = true
			out = append(out, m)
		}
	}
	return out
}

// sourceKinds are the kinds of source a citation can be formatted for.
var sourceKinds = map[string]bool{"": true, "web": true, "article": true, "press": true, "journal": true, "book": true}

// UNDocURL is the official document-system address of a UN symbol.
func UNDocURL(symbol string) string { return docsUNPrefix + symbol }

func validDate(s string) bool {
	if !datePattern.MatchString(s) {
		return false
	}
	layout := map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}[len(s)]
	_, err := time.Parse(layout, s)
	return err == nil
}

// report records one problem with a fact's field.
type report func(field, format string, args ...any)

func validate(facts []*Fact) []Problem {
	var problems []Problem
	ids := map[string]*Fact{}
	for _, f := range facts {
		add := func(field, format string, args ...any) {
			problems = append(problems, Problem{File: f.File, FactID: f.ID, Field: field, Msg: fmt.Sprintf(format, args...)})
		}
		validateID(f, ids, add)
		validateHeader(f, add)
		for _, lang := range []Lang{EN, ID} {
			validateTexts(f, lang, add)
		}
		linked := validateSources(f, add)
		validateSymbols(f, linked, add)
	}
	problems = append(problems, validateRelated(facts, ids)...)
	problems = append(problems, validateLifespan(facts, ids)...)
	sort.SliceStable(problems, func(i, j int) bool {
		if problems[i].File != problems[j].File {
			return path.Clean(problems[i].File) < path.Clean(problems[j].File)
		}
		return false
	})
	return problems
}

// validateID checks f's id and records it in ids, which settles duplicates in
// the order the facts come.
func validateID(f *Fact, ids map[string]*Fact, add report) {
	switch {
	case f.ID == "":
		add("id", "missing")
	case !idPattern.MatchString(f.ID):
		add("id", "%q must be lowercase letters, digits and single hyphens", f.ID)
	case ids[f.ID] != nil:
		add("id", "duplicate: also defined in %s", ids[f.ID].File)
	default:
		ids[f.ID] = f
	}
}

// validateHeader checks the kind, the dates and the topics.
func validateHeader(f *Fact, add report) {
	if !kinds[f.Kind] {
		add("kind", "%q is not one of event, document, body, person, concept, term, correction, norm", f.Kind)
	}
	if f.Date != "" && !validDate(f.Date) {
		add("date", "%q is not a valid YYYY, YYYY-MM or YYYY-MM-DD date", f.Date)
	}
	if f.AsOf != "" && !validDate(f.AsOf) {
		add("as_of", "%q is not a valid YYYY, YYYY-MM or YYYY-MM-DD date", f.AsOf)
	}
	if f.Timeline && f.Date == "" {
		add("date", "required when timeline = true")
	}
	if _, ok := placeTables.cityCountry[f.Place]; f.Place != "" && !ok {
		add("place", "%q is not a city of vocab/places.toml", f.Place)
	}
	if len(f.Topics) == 0 {
		add("topics", "at least one topic is required")
	}
	for _, p := range f.ProposedBy {
		if !describePlaces[p] {
			add("proposed_by", "%q is not a place of the lexicon ([describe] places)", p)
		}
	}
	if f.Members != "" && !validMembers(f.Members) {
		add("members", "%q is not \"all\", \"limited\" or a count", f.Members)
	}
	for _, t := range f.Topics {
		if _, ok := LookupTopic(t); !ok {
			add("topics", "unknown topic %q", t)
		}
	}
}

// validateTexts checks the title, answer and phrasings in one language.
func validateTexts(f *Fact, lang Lang, add report) {
	sfx := "_" + string(lang)
	title, answer := f.Title(lang), f.Answer(lang)
	if strings.TrimSpace(title) == "" {
		add("title"+sfx, "missing")
	} else if n := utf8.RuneCountInString(title); n > MaxTitleRunes {
		add("title"+sfx, "%d characters, more than %d", n, MaxTitleRunes)
	}
	if strings.TrimSpace(answer) == "" {
		add("answer"+sfx, "missing")
	} else if n := utf8.RuneCountInString(answer); n > MaxAnswerRunes {
		add("answer"+sfx, "%d characters, more than %d", n, MaxAnswerRunes)
	}
	qs := f.Questions(lang)
	if len(qs) < MinQuestions {
		add("questions"+sfx, "%d phrasing(s), at least %d required", len(qs), MinQuestions)
	}
	for i, q := range qs {
		if strings.TrimSpace(q) == "" {
			add(fmt.Sprintf("questions%s[%d]", sfx, i), "empty")
		}
	}
}

// validateSources checks each source and returns the UN document symbols the
// sources link to.
func validateSources(f *Fact, add report) map[string]bool {
	if len(f.Sources) == 0 {
		add("sources", "at least one source is required")
	}
	linked := map[string]bool{}
	for i, s := range f.Sources {
		if validateSource(s, fmt.Sprintf("sources[%d]", i), add) && strings.HasPrefix(s.URL, docsUNPrefix) {
			linked[strings.TrimPrefix(s.URL, docsUNPrefix)] = true
		}
	}
	return linked
}

// validateSource checks one source's fields; it reports whether its URL is a
// valid https URL.
func validateSource(s Source, field string, add report) bool {
	if strings.TrimSpace(s.Title) == "" {
		add(field+".title", "missing")
	}
	if !sourceKinds[s.Kind] {
		add(field+".kind", "%q is not one of web, article, press, journal, book", s.Kind)
	}
	if s.Published != "" && !validDate(s.Published) {
		add(field+".published", "%q is not a valid YYYY, YYYY-MM or YYYY-MM-DD date", s.Published)
	}
	if s.Accessed != "" && (len(s.Accessed) != 10 || !validDate(s.Accessed)) {
		add(field+".accessed", "%q is not a valid YYYY-MM-DD date", s.Accessed)
	}
	if (s.Kind == "journal" || s.Kind == "article") && strings.TrimSpace(s.Publisher) == "" {
		add(field+".publisher", "required for a %s: the periodical's name", s.Kind)
	}
	u, err := url.Parse(s.URL)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		add(field+".url", "%q is not an https URL", s.URL)
		return false
	}
	return true
}

// validateSymbols checks that every UN document symbol the fact names is linked
// by one of its sources.
func validateSymbols(f *Fact, linked map[string]bool, add report) {
	named := append(SymbolsIn(f.AnswerEN), SymbolsIn(f.AnswerID)...)
	named = append(named, f.Symbols...)
	for _, sym := range named {
		if !linked[sym] {
			add("sources", "symbol %s is named but not linked at %s", sym, UNDocURL(sym))
		}
	}
}

// validateRelated checks the related ids once every id is known.
func validateRelated(facts []*Fact, ids map[string]*Fact) []Problem {
	var problems []Problem
	for _, f := range facts {
		for _, r := range f.Related {
			if r == f.ID {
				problems = append(problems, Problem{File: f.File, FactID: f.ID, Field: "related", Msg: "a fact cannot be related to itself"})
			} else if ids[r] == nil {
				problems = append(problems, Problem{File: f.File, FactID: f.ID, Field: "related", Msg: fmt.Sprintf("unknown fact id %q", r)})
			}
		}
	}
	return problems
}

// validateLifespan checks the began and ended links once every id is known: the
// linked fact exists and is dated (the date is what the link answers), not
// before the thing itself, and a thing does not end before it began.
func validateLifespan(facts []*Fact, ids map[string]*Fact) []Problem {
	var problems []Problem
	for _, f := range facts {
		add := func(field, format string, args ...any) {
			problems = append(problems, Problem{File: f.File, FactID: f.ID, Field: field, Msg: fmt.Sprintf(format, args...)})
		}
		for _, l := range []struct{ field, id string }{{"began", f.Began}, {"ended", f.Ended}} {
			if l.id == "" {
				continue
			}
			g := ids[l.id]
			switch {
			case g == nil:
				add(l.field, "unknown fact id %q", l.id)
			case g.Date == "":
				add(l.field, "%q has no date: the link must date when the thing %s", l.id, l.field)
			case f.Date != "" && g.Date < f.Date[:min(len(f.Date), len(g.Date))]:
				add(l.field, "%q (%s) is dated before the thing itself (%s)", l.id, g.Date, f.Date)
			}
		}
		if b, e := ids[f.Began], ids[f.Ended]; b != nil && e != nil && b.Date != "" && e.Date != "" && e.Date < b.Date[:min(len(b.Date), len(e.Date))] {
			add("ended", "%q (%s) is dated before %q (%s), when it began", f.Ended, e.Date, f.Began, b.Date)
		}
	}
	return problems
}

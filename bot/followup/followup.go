// Package followup reads a short question that points back ("who chaired it?", "siapa
// ketuanya?") as a question about the chat's last answer, and rewrites it to name that
// answer's subject. The bot asks it only within Window of an answer.
package followup

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// Window is how long after an answer a short follow-up ("who chaired it?") is
// read as being about that answer.
const Window = 10 * time.Minute

// words is the follow-up vocabulary (knowledge/vocab/followup.toml): the fillers a
// year-only or place-only follow-up may carry, the words that move along a series or
// ask what came next.
var words = knowledge.FollowupWords()

// maxFollowUpWords bounds what counts as a follow-up: longer questions stand alone.
const maxFollowUpWords = 8

// The patterns below are built once, when the package loads, from the word lists of
// knowledge/vocab/followup.toml ([resolver]); what stays here is their syntax: word
// boundaries, the "-nya" suffix, a document symbol, a year.
var (
	// A follow-up points back with a pronoun or demonstrative (EN), "itu/tersebut/ini"
	// or the "-nya" suffix (ID), or opens with "and"/"what about"/"dan"/"kalau".
	followUpRef = regexp.MustCompile(`(?i)\b(` + words.Refs.Alt() + `)\b`)
	followUpNya = regexp.MustCompile(`(?i)\b([a-z]{3,})nya\b`)
	// A document symbol names its own subject: the question stands alone.
	ownSubject = regexp.MustCompile(`(?i)\b[AS]/[A-Z0-9.]+/`)
	// personalRef points at a person: after an answer about a person, "where is he
	// from?" stays on them; anything else asks about the body they chaired.
	personalRef = regexp.MustCompile(`(?i)\b(` + words.Personal.Alt() + `)\b`)
	// bodyAttribute words ask about a body rather than a document or event, or name
	// the body itself ("grupnya gagal kenapa?", "komite itu dibentuk kapan?").
	bodyAttribute = regexp.MustCompile(`(?i)\b(` + words.BodyWords.Alt() + `|(` + words.BodyNames.Alt() + `)(nya)?)\b`)
	// asking marks a message that asks something: a question word or particle (EN, ID
	// and its chat spellings) or an opening "and"/"terus"/"kalau". A message with none
	// of these, no "?", no pronoun and no year ("haha susah juga") is a reaction, not a
	// follow-up, however little content it has.
	asking = regexp.MustCompile(`(?i)(^\s*(` + words.AskOpeners.Alt() + `)\b)|\b(` + words.AskWords.Alt() + `)\b`)
	// letterRef is another item of a lettered list named alone ("yang (k)?", "and
	// 13(c)?", "kalau norma h?"); letteredAlias is how such an item is named.
	letterRef     = regexp.MustCompile(`(?i)^\s*(?:` + words.LetterLeads.Alt() + `)?\s*(?:` + words.LetterNouns.Alt() + `)?\s*(?:13\s*)?\(?([a-k])\)?\s*\??\s*$`)
	letteredAlias = regexp.MustCompile(`(?i)^(norm|norma) 13[a-k]$`)
	yearsIn       = regexp.MustCompile(`\b(19|20)\d\d\b([–-](19|20)?\d\d)?`)
	parenthetical = regexp.MustCompile(`\s*\([^)]*\)`)
)

// idWords are Indonesian words ending in "nya" that are not a back-reference.
var idWords = words.NotNya

// Resolver resolves follow-up questions against one fact base. It is read-only after
// New and safe for concurrent use.
type Resolver struct {
	base *knowledge.Base
	// names are the base's acronyms, lowercased ("oewg", "gge", "asean"): a question
	// naming one, in any case, has its own subject.
	names map[string]bool
}

// genericAcronyms name the UN and its organs in general, not a subject of their own:
// "kapan PBB mengesahkannya?" is still a follow-up.
var genericAcronyms = words.GenericAcronyms

var acronym = regexp.MustCompile(`\b[A-Z][A-Z0-9]{2,}\b`)

// New indexes the names the base uses.
func New(base *knowledge.Base) *Resolver {
	r := &Resolver{base: base, names: map[string]bool{}}
	for _, f := range base.Facts() {
		texts := append([]string{f.TitleEN, f.TitleID, f.Body}, f.Aliases...)
		for _, t := range texts {
			for _, a := range acronym.FindAllString(t, -1) {
				if a := strings.ToLower(a); !genericAcronyms.Has(a) {
					r.names[a] = true
				}
			}
		}
	}
	return r
}

// namesSubject reports whether q names something of its own: a document symbol, or one
// of the base's acronyms in any case ("the OEWG", "the oewg").
func (r *Resolver) namesSubject(q string) bool {
	if ownSubject.MatchString(q) {
		return true
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(q), func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) }) {
		if r.names[w] {
			return true
		}
	}
	return false
}

// Resolve rewrites a follow-up question so that it names the subject of the chat's
// last answer (factID); the caller checks that the answer is recent. A question is a
// follow-up only when it names no subject of its own (rd.Subject: "GGE itu apa?" is
// a new question, whatever its "itu") and leans on the previous one: a pronoun,
// "-nya", an opening "terus"/"and", a bare angle ("kapan dibentuk?"), or another
// year of the same thing ("yang 2021?"). ok is false otherwise, and the caller
// matches q unchanged.
func (r *Resolver) Resolve(q string, rd knowledge.Reading, factID string) (string, bool) {
	f, ok := r.base.Get(factID)
	if !ok {
		return "", false
	}
	q = strings.TrimSpace(q)
	if sib, ok := sibling(f, q); ok {
		// "and 13(c)?" names only another letter of the last answer's list; the
		// paragraph it names is no subject of its own.
		return sib, true
	}
	if rd.Subject {
		return "", false
	}
	words := strings.Fields(q)
	if len(words) == 0 || len(words) > maxFollowUpWords || r.namesSubject(q) {
		return "", false
	}
	if rd.Year == "" && !strings.Contains(q, "?") && !asking.MatchString(q) && !followUpRef.MatchString(q) && !hasNyaRef(q) {
		return "", false
	}
	if rd.Year != "" && yearOnly(q) {
		// "and the 2021 one?": the same kind of thing, another year.
		return withYear(f, rd.Year), true
	}
	if !rd.LeansBack {
		return "", false
	}
	// After an answer about a person, a question about a thing ("kapan dibentuk?")
	// is about the body they chaired; "he", "dia", "beliau" and "-nya" ("apa
	// jabatannya?") stay on the person.
	// "dia dari negara mana?" names a body word ("negara") but points at the person.
	personal := f.Kind == knowledge.KindPerson && personalRef.MatchString(q)
	aboutBody := bodyAttribute.MatchString(q) && !personal || f.Kind == knowledge.KindPerson && !personal && !hasNyaRef(q)
	subject := followUpSubject(r.base, f, aboutBody)
	out := q
	out = followUpRef.ReplaceAllStringFunc(out, func(w string) string {
		if strings.EqualFold(w, "its") || strings.EqualFold(w, "their") {
			return subject + "'s"
		}
		return subject
	})
	out = followUpNya.ReplaceAllStringFunc(out, func(w string) string {
		if idWords.Has(strings.ToLower(w)) {
			return w
		}
		return w[:len(w)-3] + " " + subject
	})
	if out == q { // "kapan dibentuk?", "and what about the vote?": nothing to replace
		out = strings.TrimRight(q, "?!. ") + " " + subject + "?"
	}
	return out, true
}

// Pointed rewrites a question that points at an instance of a series by the series'
// name ("who chaired that GGE?", "GGE tersebut dibentuk kapan?") so that it names the
// instance the conversation is about: the body of the last answer's subject
// (knowledge.Base.Subject), when that body belongs to the series named ("GGE
// 2012–2013" after its report). ok is false when q points at no series' name, or the
// conversation's subject is not in that series. A question asking what the series is
// ("GGE itu apa?") is the caller's to leave alone.
func (r *Resolver) Pointed(q, factID string) (string, bool) {
	f, ok := r.base.Get(factID)
	if !ok {
		return "", false
	}
	subject := r.base.Subject(f)
	if subject.Kind != knowledge.KindBody || subject.Body == "" {
		return "", false
	}
	series, _, _ := strings.Cut(subject.Body, " ")
	fields := strings.Fields(q)
	if len(fields) > maxFollowUpWords {
		return "", false
	}
	word := func(i int) string {
		if i < 0 || i >= len(fields) {
			return ""
		}
		return strings.ToLower(strings.TrimFunc(fields[i], func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) }))
	}
	for i := range fields {
		if word(i) != strings.ToLower(series) {
			continue
		}
		switch {
		case words.PointingBefore.Has(word(i - 1)):
			out := append(append(slices.Clone(fields[:i-1]), subject.Body), fields[i+1:]...)
			return strings.Join(out, " "), true
		case words.PointingAfter.Has(word(i + 1)):
			out := append(append(slices.Clone(fields[:i]), subject.Body), fields[i+2:]...)
			return strings.Join(out, " "), true
		}
	}
	return "", false
}

// About rewrites a short question that names something of its own as a question
// about the chat's last answer (factID), by naming that answer's subject after it:
// "indonesia jadi apa di situ?" after an answer about the cybercrime Ad Hoc Committee.
// It is a second reading, for the caller to try only when the question alone is
// refused and to keep only when its answer is about that subject. (Naming instead the
// subjects of the facts the answer is related to reached further, and answered more
// blind-dialog questions wrongly than rightly.) ok is false for a long question, one
// naming a document symbol or one of the base's acronyms ("indonesia ikut GGE ga?"
// names its subject plainly), or one that asks nothing.
func (r *Resolver) About(q, factID string) (string, bool) {
	f, ok := r.base.Get(factID)
	if !ok {
		return "", false
	}
	q = strings.TrimSpace(q)
	words := strings.Fields(q)
	if len(words) == 0 || len(words) > maxFollowUpWords || r.namesSubject(q) {
		return "", false
	}
	if !strings.Contains(q, "?") && !asking.MatchString(q) && !followUpRef.MatchString(q) && !hasNyaRef(q) {
		return "", false
	}
	return strings.TrimRight(q, "?!. ") + " " + followUpSubject(r.base, f, f.Kind == knowledge.KindPerson) + "?", true
}

// AsksAboutBody reports whether q asks who chaired a body or names the body itself
// ("who chaired that group?", "komite itu dibentuk kapan?"). How many states took
// part ("berapa negara yg ikut?") is not asked of the body: a directory or a treaty
// it made has participants of its own.
func AsksAboutBody(q string) bool { return chairOrBody.MatchString(q) }

var chairOrBody = regexp.MustCompile(`(?i)\b(` + words.ChairWords.Alt() + `|(` + words.ChairNames.Alt() + `)(nya)?)\b`)

func hasNyaRef(q string) bool {
	for _, m := range followUpNya.FindAllString(q, -1) {
		if !idWords.Has(strings.ToLower(m)) {
			return true
		}
	}
	return false
}

// followUpSubject names what the last answer was about: its body when the follow-up
// asks about a body (chair, members; or "it", "itu" after a person), else its first
// alias (a name or symbol people use), else its English title.
func followUpSubject(base *knowledge.Base, f *knowledge.Fact, aboutBody bool) string {
	if aboutBody && f.Body == "" {
		// A resolution names no body of its own; the conversation is about the
		// body it created ("anggotanya brp?" after A/RES/73/27 is the first OEWG's).
		f = base.Subject(f)
	}
	if aboutBody && f.Body != "" {
		return f.Body
	}
	if aboutBody && f.Kind == knowledge.KindPerson {
		// A person's own fact may not say which body they chaired; the facts it is
		// related to do (Karsten Geier: the GGE 2016–2017).
		for _, id := range f.Related {
			if rf, ok := base.Get(id); ok && rf.Body != "" {
				return rf.Body
			}
		}
	}
	// A body fact names its body only when the body is what it is about: the PoC
	// Directory's body is the OEWG that created it, and "when did it launch?" after
	// it asks about the Directory.
	if f.Body != "" && f.Kind == knowledge.KindBody && (len(f.Aliases) == 0 || namesBody(f)) {
		return f.Body
	}
	if len(f.Aliases) > 0 {
		return f.Aliases[0]
	}
	return strings.TrimSpace(parenthetical.ReplaceAllString(f.TitleEN, ""))
}

// namesBody reports whether f's body is one of f's own names (oewg-2019-2021 is
// "OEWG 2019–2021"), not a body it merely belongs to.
func namesBody(f *knowledge.Fact) bool {
	norm := func(s string) string { return strings.ToLower(strings.ReplaceAll(s, "–", "-")) }
	for _, a := range f.Aliases {
		if norm(a) == norm(f.Body) {
			return true
		}
	}
	return strings.Contains(norm(f.TitleEN), norm(f.Body))
}

// sibling names another item of the lettered list the last answer belongs to when q
// names only that item's letter: "yang (k)?" after norm 13(f) is "norm 13k".
func sibling(f *knowledge.Fact, q string) (string, bool) {
	m := letterRef.FindStringSubmatch(q)
	if m == nil {
		return "", false
	}
	for _, a := range f.Aliases {
		if letteredAlias.MatchString(a) {
			return a[:len(a)-1] + strings.ToLower(m[1]), true
		}
	}
	return "", false
}

// yearFiller are the words a year-only follow-up may carry besides its year: "and
// the 2021 one?", "kalau tahun 2010?", "yang 2013?".
var yearFiller = words.YearFiller

// YearOnly reports whether q names a year and nothing else of its own ("kalo yg
// 2017?"): a year-only follow-up, short and with no content ("Who won the 2022 World
// Cup?" is not one).
func YearOnly(q string) bool { return yearsIn.MatchString(q) && yearOnly(q) }

// yearOnly reports whether q is a year and nothing else of its own: a year-only
// follow-up is short and has no content ("Who won the 2022 World Cup?" is not one).
func yearOnly(q string) bool {
	q = yearsIn.ReplaceAllString(q, " ")
	for _, w := range strings.FieldsFunc(strings.ToLower(q), func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) }) {
		if !yearFiller.Has(w) {
			return false
		}
	}
	return true
}

// withYear asks about the same kind of thing in another year: the last fact's title
// without its years, symbols and asides, plus the year ("GGE consensus report 2021").
func withYear(f *knowledge.Fact, year string) string {
	t := parenthetical.ReplaceAllString(f.TitleEN, "")
	for _, s := range knowledge.SymbolsIn(t) {
		t = strings.ReplaceAll(t, s, "")
	}
	t = yearsIn.ReplaceAllString(t, "")
	t = strings.Join(strings.Fields(strings.Trim(t, " :–-")), " ")
	return t + " " + year
}

// Ordinals name a place in a series, in English and Indonesian, from 1 (index 0 is
// no place).
var (
	ordinalsEN = append([]string{""}, words.OrdinalsEN.Words()...)
	ordinalsID = append([]string{""}, words.OrdinalsID.Words()...)
	// nextWords and previousWords move one place along the series from the last answer.
	nextWords     = words.Next
	previousWords = words.Previous
	// positionFiller are the words a follow-up that names only a place may carry: "and
	// the second?", "what about the next one?", "kalau yang keenam gimana?".
	positionFiller = words.PositionFiller
	ordinalAliasEN = regexp.MustCompile(`(?i)^(` + words.OrdinalsEN.Alt() + `) (\S+( \S+)?)$`)
	ordinalAliasID = regexp.MustCompile(`(?i)^(\S+( \S+)?) (` + words.OrdinalsID.Alt() + `)$`)
)

// position reads a follow-up that names only a place in a series ("and the second?",
// "yang keenam?", "and the next one?"): n is an absolute place from 1, or step is +1
// or -1 from the last answer's place. ok is false when q says anything else.
func position(q string) (n, step int, ok bool) {
	for _, w := range strings.FieldsFunc(strings.ToLower(q), func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) }) {
		var i int
		switch {
		case positionFiller.Has(w):
			continue
		case nextWords.Has(w) && step == 0 && n == 0:
			step = 1
			continue
		case previousWords.Has(w) && step == 0 && n == 0:
			step = -1
			continue
		}
		if i = slices.Index(ordinalsEN, w); i <= 0 {
			i = slices.Index(ordinalsID, w)
		}
		if i <= 0 || n != 0 || step != 0 {
			return 0, 0, false
		}
		n = i
	}
	return n, step, n != 0 || step != 0
}

// Position rewrites a follow-up that names only a place in the series the last answer
// (factID) belongs to as a question naming that place: "and the next one?" after the
// fourth GGE is "fifth GGE", "and the second?" after the eleven norms "norm 13b". A
// series is a lettered list (the norms of paragraph 13) or things named by an ordinal
// ("fourth GGE", "OEWG kedua"). ok is false when q names more than a place, or the last
// answer is in no series, or the place is outside it. The pasted name is the whole
// question, so the facts around the last answer need not be weighed against it.
func (r *Resolver) Position(q, factID string) (string, bool) {
	f, ok := r.base.Get(factID)
	if !ok || len(strings.Fields(q)) > maxFollowUpWords {
		return "", false
	}
	// "yg ke4?" names the place with its number, as chat writes it.
	n, step, ok := position(knowledge.ExpandOrdinals(q))
	if !ok {
		return "", false
	}
	if name, ok := r.letteredPlace(f, n, step); ok {
		return name, true
	}
	// The rewrite is the question the router answers, in its language: "kalo yg
	// keenam?" must stay Indonesian ("GGE keenam"), not become "sixth GGE".
	en := func(a string) (string, bool, bool) {
		m := ordinalAliasEN.FindStringSubmatch(a)
		if m == nil {
			return "", false, false
		}
		at, ok := place(slices.Index(ordinalsEN, strings.ToLower(m[1])), n, step)
		if !ok {
			return "", true, false
		}
		return ordinalsEN[at] + " " + m[2], true, true
	}
	id := func(a string) (string, bool, bool) {
		m := ordinalAliasID.FindStringSubmatch(a)
		if m == nil {
			return "", false, false
		}
		at, ok := place(slices.Index(ordinalsID, strings.ToLower(m[3])), n, step)
		if !ok {
			return "", true, false
		}
		return m[1] + " " + ordinalsID[at], true, true
	}
	forms := []func(string) (string, bool, bool){en, id}
	if lang, sure := knowledge.DetectLang(q); sure && lang == knowledge.ID {
		forms[0], forms[1] = id, en
	}
	for _, form := range forms {
		for _, a := range f.Aliases {
			if name, matched, ok := form(a); matched {
				return name, ok
			}
		}
	}
	return "", false
}

// PositionFact answers a follow-up that names only a place ("yg ke4?", "and the
// sixth?") after an answer that is not itself in a series but hangs on a body that
// is (a GGE's report, its chair): the body at that place is found from the
// conversation's subject (knowledge.Base.Subject), and the answer keeps the last
// answer's relation to it: that body's report after a report, its chair after a
// chair, else the body. ok is false when Position would read q itself, when q names
// more than a place, or the place is outside the series.
func (r *Resolver) PositionFact(q, factID string) (*knowledge.Fact, bool) {
	f, ok := r.base.Get(factID)
	if !ok || len(strings.Fields(q)) > maxFollowUpWords {
		return nil, false
	}
	subject := r.base.Subject(f)
	if subject == f {
		return nil, false
	}
	n, step, ok := position(knowledge.ExpandOrdinals(q))
	if !ok {
		return nil, false
	}
	name, ok := r.Position(q, subject.ID)
	if !ok {
		return nil, false
	}
	var body *knowledge.Fact
	for _, g := range r.base.Facts() {
		if g.Kind == knowledge.KindBody && slices.ContainsFunc(g.Aliases, func(a string) bool { return strings.EqualFold(a, name) }) {
			body = g
			break
		}
	}
	if body == nil || body == subject && n == 0 && step == 0 {
		return nil, false
	}
	for _, id := range body.Related {
		g, ok := r.base.Get(id)
		if ok && g.Kind == f.Kind && (f.Kind == knowledge.KindPerson || g.Body == body.Body) {
			return g, true
		}
	}
	return body, true
}

// place is the place asked: n itself, or one step from the last answer's place cur.
func place(cur, n, step int) (int, bool) {
	at := n
	if step != 0 {
		at = cur + step
		if cur <= 0 {
			return 0, false
		}
	}
	return at, at >= 1 && at < len(ordinalsEN)
}

// letteredPlace names place n (or one step from f) of the lettered list f belongs to,
// or heads: the norms of paragraph 13 are lettered (a)–(k), and their overview is
// related to each of them.
func (r *Resolver) letteredPlace(f *knowledge.Fact, n, step int) (string, bool) {
	prefix, cur := "", 0
	for _, a := range f.Aliases {
		if letteredAlias.MatchString(a) {
			prefix, cur = a[:len(a)-1], int(a[len(a)-1]-'a')+1
			break
		}
	}
	if prefix == "" && step == 0 && f.Kind == knowledge.KindConcept {
		// The head of a list, an overview concept its items name as related (a
		// report that also holds them is about more than its list).
		for _, g := range r.base.Facts() {
			if !slices.Contains(g.Related, f.ID) {
				continue
			}
			for _, a := range g.Aliases {
				if letteredAlias.MatchString(a) {
					prefix = a[:len(a)-1]
					break
				}
			}
			if prefix != "" {
				break
			}
		}
	}
	if prefix == "" {
		return "", false
	}
	at, ok := place(cur, n, step)
	if !ok || at > 'k'-'a'+1 {
		return "", false
	}
	return prefix + string(rune('a'+at-1)), true
}

var (
	// thenWords mark a follow-up that asks what came after the last answer in time
	// ("what happened next?", "habis itu gimana?", "setelah itu apa?").
	thenWords = words.Then
	// thenFiller are the other words such a follow-up may carry; anything else names
	// something of its own ("what happened to the report after?").
	thenFiller = words.ThenFiller
)

// asksWhatNext reports whether q asks only what came after the last answer in time.
func asksWhatNext(q string) bool {
	then := false
	for _, w := range strings.FieldsFunc(strings.ToLower(q), func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) }) {
		switch {
		case thenWords.Has(w):
			then = true
		case !thenFiller.Has(w):
			return false
		}
	}
	return then
}

// Next is the answer to a follow-up that asks only what happened after the last answer
// (factID): of the dated facts it touches directly (those it is related to, those
// related to it, those of its body), the one dated soonest after it, in another period
// (a fact dated only "2024" is not after 24 December 2024). A person's successor is a
// walk of its own (knowledge.Matcher.Walk); ok is false for a person, and when nothing
// dated follows.
func (r *Resolver) Next(q, factID string) (*knowledge.Fact, bool) {
	f, ok := r.base.Get(factID)
	if !ok || f.Kind == knowledge.KindPerson || f.Date == "" || len(strings.Fields(q)) > maxFollowUpWords || !asksWhatNext(q) {
		return nil, false
	}
	var near []*knowledge.Fact
	for _, id := range f.Related {
		if g, ok := r.base.Get(id); ok {
			near = append(near, g)
		}
	}
	for _, g := range r.base.Facts() {
		if slices.Contains(g.Related, f.ID) || f.Body != "" && g.Body == f.Body {
			near = append(near, g)
		}
	}
	var pick *knowledge.Fact
	for _, g := range near {
		if g.ID == f.ID || g.Date <= f.Date || strings.HasPrefix(g.Date, f.Date) || strings.HasPrefix(f.Date, g.Date) ||
			g.Kind == knowledge.KindPerson || g.Kind == knowledge.KindTerm || g.Kind == knowledge.KindCorrection {
			continue
		}
		if pick == nil || g.Date < pick.Date {
			pick = g
		}
	}
	return pick, pick != nil
}

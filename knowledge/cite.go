package knowledge

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// CiteSegment is a run of citation text; Italic marks titles the style sets in italics.
type CiteSegment struct {
	Text   string
	Italic bool
}

// Citation is one source ready to paste into a paper, in APA 7 and Chicago
// notes-bibliography style (17th/18th edition, no place of publication). Each style is a
// list of segments so that chat renderers can italicise titles; Plain joins them as text.
type Citation struct {
	Source Source
	// APA is the APA 7 reference-list entry.
	APA []CiteSegment
	// ChicagoNote is the Chicago first full footnote; ChicagoBibliography the entry.
	ChicagoNote, ChicagoBibliography []CiteSegment
}

// Plain joins segments as plain text.
func Plain(segs []CiteSegment) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteString(s.Text)
	}
	return b.String()
}

// Kinds of cited source, as the styles tell them apart.
const (
	citeUN      = "un"      // UN document with a symbol
	citeWeb     = "web"     // page on a website
	citeArticle = "article" // newspaper, magazine, news-agency or blog article
	citePress   = "press"   // press release or statement
	citeJournal = "journal" // journal article
	citeBook    = "book"    // book, manual or report published as one
)

// citeDate is a source's date at the precision the source gives.
type citeDate struct {
	t            time.Time
	month, day   bool // precision
	known        bool
	apaYearOnly  bool // journal articles and books: APA gives the year only
	chicagoYearB bool // idem for Chicago
}

// citeParts are the elements both styles are built from.
type citeParts struct {
	kind      string
	authors   []string // each "Surname, Given" (a person) or an organisation's name
	publisher string   // website, periodical, journal or book publisher
	title     string
	described bool   // the "title" is a description of an untitled work, written "[…]" in the data
	symbol    string // UN document symbol
	url       string
	date      citeDate
	accessed  citeDate
	volume    string
	issue     string
	pages     string
}

// Cite returns the citations of every source of f, in order.
func Cite(f *Fact) []Citation {
	out := make([]Citation, 0, len(f.Sources))
	for _, s := range f.Sources {
		out = append(out, CiteSource(f, s))
	}
	return out
}

// CiteSource formats one source of f. The fact supplies the year of a UN document that
// carries no date of its own, but only when the fact is about that very document (see
// factYearFor); otherwise the year is "n.d." rather than a guess.
func CiteSource(f *Fact, s Source) Citation {
	p := parts(f, s)
	return Citation{Source: s, APA: apa(p), ChicagoNote: chicagoNote(p), ChicagoBibliography: chicagoBib(p)}
}

var (
	// ownDate is a date at the end of a UN document title: "(8 December 2003)",
	// "(2010)", ", 22 July 2015", "(Dec 2018)".
	ownDate = regexp.MustCompile(`(?:\s*\(((?:\d{1,2}\s+)?(?:[A-Z][a-z]+\.?\s+)?\d{4})\)|,\s+((?:\d{1,2}\s+)?(?:[A-Z][a-z]+\.?\s+)?\d{4}))\s*$`)
	// siteSeparator splits a legacy "Digital Watch: title" or "dig.watch — title".
	siteSeparator = regexp.MustCompile(`^(.{2,60}?)(?:\s+[—–-]\s+|:\s+)(.+)$`)
	// shortGA expands the "GA" abbreviation of resolution titles.
	shortGA = regexp.MustCompile(`^GA\b`)
	// trailingYear is ", 2016" at the end of a site name.
	trailingYear = regexp.MustCompile(`,\s*\d{4}$`)
)

func parts(f *Fact, s Source) citeParts {
	p := citeParts{url: s.URL, title: strings.TrimSpace(s.Title), publisher: strings.TrimSpace(s.Publisher),
		volume: s.Volume, issue: s.Issue, pages: s.Pages}
	p.date = parseSourceDate(s.Published)
	p.accessed = parseSourceDate(s.Accessed)
	p.authors = splitAuthors(s.Author)
	sym := s.Symbol
	if sym == "" && strings.HasPrefix(s.URL, docsUNPrefix) {
		sym = strings.TrimPrefix(s.URL, docsUNPrefix)
	}
	if t := p.title; strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") {
		p.title, p.described = strings.TrimSpace(t[1:len(t)-1]), true
	}
	if sym == "" {
		otherParts(&p, s)
	} else {
		unParts(&p, f, sym)
	}
	return p
}

// splitAuthors reads the semicolon-separated author list.
func splitAuthors(a string) []string {
	var out []string
	if a = strings.TrimSpace(a); a != "" {
		for _, n := range strings.Split(a, ";") {
			if n = strings.TrimSpace(n); n != "" {
				out = append(out, n)
			}
		}
	}
	return out
}

// otherParts completes the parts of a source that is not a UN document.
func otherParts(p *citeParts, s Source) {
	p.kind = s.Kind
	if p.kind == "" {
		p.kind = citeWeb
	}
	if p.publisher == "" {
		// A source without citation fields: "Site: title" names the site, else the
		// host's owner when known. Their titles may end with the date of the event they
		// report, not of the page, so no date is read from them.
		p.publisher, p.title = siteAndTitle(p.title, s.URL)
	}
	if p.kind == citeJournal || p.kind == citeBook {
		p.date.apaYearOnly, p.date.chicagoYearB = true, true
	}
}

// unParts completes the parts of the UN document sym: its author, a title
// without the date and symbol it carries, and its date.
func unParts(p *citeParts, f *Fact, sym string) {
	p.kind, p.symbol = citeUN, sym
	if len(p.authors) == 0 {
		p.authors = []string{unAuthor(sym)}
	}
	takeOwnDate(p)
	// "A/RES/73/187 — Countering …": the symbol is printed in its own place.
	for _, sep := range []string{" — ", " – ", ": "} {
		if strings.HasPrefix(p.title, sym+sep) {
			p.title = strings.TrimPrefix(p.title, sym+sep)
		}
	}
	p.title = shortGA.ReplaceAllString(p.title, "General Assembly")
	if !p.date.known {
		if y := factYearFor(f, sym); y != 0 {
			p.date = citeDate{t: time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), known: true}
		}
	}
	p.date.apaYearOnly = true // APA dates reports and resolutions by year
}

// takeOwnDate cuts a date off the end of the title (see ownDate) and makes it
// the document's date unless the source gave one.
func takeOwnDate(p *citeParts) {
	m := ownDate.FindStringSubmatchIndex(p.title)
	if m == nil {
		return
	}
	var raw string
	if m[2] >= 0 {
		raw = p.title[m[2]:m[3]]
	} else {
		raw = p.title[m[4]:m[5]]
	}
	if d, ok := parseLooseDate(raw); ok {
		p.title = strings.TrimSpace(p.title[:m[0]])
		if !p.date.known {
			p.date = d
		}
	}
}

// parseSourceDate reads YYYY, YYYY-MM or YYYY-MM-DD; the zero citeDate otherwise.
func parseSourceDate(s string) citeDate {
	s = strings.TrimSpace(s)
	for _, l := range []struct {
		layout     string
		month, day bool
	}{{"2006-01-02", true, true}, {"2006-01", true, false}, {"2006", false, false}} {
		if len(s) == len(l.layout) {
			if t, err := time.Parse(l.layout, s); err == nil {
				return citeDate{t: t, month: l.month, day: l.day, known: true}
			}
		}
	}
	return citeDate{}
}

// factYearFor is the fact's year when it dates the document sym: the fact names sym as
// its only symbol or in its title, and the year fits the document's session (a session
// N document is issued in 1945+N or 1946+N; S/2015/… carries its year).
func factYearFor(f *Fact, sym string) int {
	y := f.Year()
	if y == 0 || !slices.Contains(f.Symbols, sym) {
		return 0
	}
	if len(f.Symbols) > 1 && !strings.Contains(f.TitleEN, sym) {
		return 0
	}
	if lo, hi, ok := symbolYears(sym); ok && (y < lo || y > hi) {
		return 0
	}
	return y
}

// symbolYears is the range of years a document with this symbol can date from.
func symbolYears(sym string) (lo, hi int, ok bool) {
	for _, part := range strings.Split(sym, "/") {
		n, err := strconv.Atoi(part)
		if err != nil {
			continue
		}
		if n >= 1946 && n <= 2100 { // S/2015/123, E/2019/…
			return n, n, true
		}
		if n > 0 && n < 150 { // General Assembly session number
			return 1945 + n, 1946 + n, true
		}
		return 0, 0, false
	}
	return 0, 0, false
}

func unAuthor(sym string) string {
	switch {
	case strings.HasPrefix(sym, "A/HRC/"):
		return "United Nations Human Rights Council"
	case strings.HasPrefix(sym, "A/"):
		return "United Nations General Assembly"
	case strings.HasPrefix(sym, "S/"):
		return "United Nations Security Council"
	case strings.HasPrefix(sym, "E/"):
		return "United Nations Economic and Social Council"
	}
	return "United Nations"
}

// hostPublishers names the owners of sites a source may be cited from without a
// publisher field, so that a citation never makes a domain name its author.
var hostPublishers = map[string]string{
	"un.org":                         "United Nations",
	"press.un.org":                   "United Nations",
	"treaties.un.org":                "United Nations Treaty Collection",
	"meetings.unoda.org":             "United Nations Office for Disarmament Affairs",
	"disarmament.unoda.org":          "United Nations Office for Disarmament Affairs",
	"unodc.org":                      "United Nations Office on Drugs and Crime",
	"unidir.org":                     "United Nations Institute for Disarmament Research",
	"dig.watch":                      "Digital Watch Observatory",
	"theglobalobservatory.org":       "IPI Global Observatory",
	"coe.int":                        "Council of Europe",
	"ccdcoe.org":                     "NATO Cooperative Cyber Defence Centre of Excellence",
	"csa.gov.sg":                     "Cyber Security Agency of Singapore",
	"gov.uk":                         "GOV.UK",
	"state.gov":                      "U.S. Department of State",
	"carnegieendowment.org":          "Carnegie Endowment for International Peace",
	"justsecurity.org":               "Just Security",
	"lawfaremedia.org":               "Lawfare",
	"cyberpolicyportal.org":          "UNIDIR Cyber Policy Portal",
	"database.cyberpolicyportal.org": "UNIDIR Cyber Policy Portal",
}

// siteAndTitle splits a legacy source title into the publishing site and the page title;
// without a "Site: title" prefix the host's owner is the publisher when known, else none.
func siteAndTitle(title, rawURL string) (publisher, rest string) {
	if m := siteSeparator.FindStringSubmatch(title); m != nil && len(strings.Fields(m[1])) <= 6 {
		// "International Affairs (Russia), 2016: …": the issue year is not part of the name.
		site := trailingYear.ReplaceAllString(strings.TrimSpace(m[1]), "")
		return site, upperFirst(strings.TrimSpace(m[2]))
	}
	if u, err := url.Parse(rawURL); err == nil {
		host := strings.TrimPrefix(u.Hostname(), "www.")
		for h := host; h != ""; {
			if p, ok := hostPublishers[h]; ok {
				return p, title
			}
			_, rest, found := strings.Cut(h, ".")
			if !found || !strings.Contains(rest, ".") {
				break
			}
			h = rest
		}
	}
	return "", title
}

func parseLooseDate(s string) (citeDate, bool) {
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, ".", "")), " ")
	for _, l := range []struct {
		layout     string
		day, month bool
	}{{"2 January 2006", true, true}, {"2 Jan 2006", true, true}, {"January 2006", false, true}, {"Jan 2006", false, true}, {"2006", false, false}} {
		if t, err := time.Parse(l.layout, s); err == nil {
			return citeDate{t: t, month: l.month, day: l.day, known: true}, true
		}
	}
	return citeDate{}, false
}

// endSentence adds a full stop unless the text already ends with punctuation.
func endSentence(s string) string {
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

// apa is "2025, October 27", "2025, July", "2025" or "n.d.".
func (d citeDate) apa() string {
	switch {
	case !d.known:
		return "n.d."
	case d.apaYearOnly || !d.month:
		return strconv.Itoa(d.t.Year())
	case d.day:
		return d.t.Format("2006, January 2")
	}
	return d.t.Format("2006, January")
}

// chicago is "October 27, 2025", "July 2025", "2025" or "".
func (d citeDate) chicago() string {
	switch {
	case !d.known:
		return ""
	case d.chicagoYearB || !d.month:
		return strconv.Itoa(d.t.Year())
	case d.day:
		return d.t.Format("January 2, 2006")
	}
	return d.t.Format("January 2006")
}

// isPerson: "Surname, Given Names" names a person; anything else ("Foreign, Commonwealth
// & Development Office") is an organisation.
func isPerson(name string) bool {
	surname, given, ok := strings.Cut(name, ", ")
	if !ok || strings.Contains(given, ",") || surname == "" {
		return false
	}
	words := strings.Fields(given)
	if len(words) == 0 || len(words) > 3 {
		return false
	}
	for _, w := range words {
		if r := []rune(w); !unicode.IsUpper(r[0]) || w == "&" {
			return false
		}
	}
	return !strings.Contains(given, "&") && !strings.Contains(given, " and ")
}

// apaName is "Schmitt, M. N." for a person, the name itself for an organisation.
func apaName(name string) string {
	if !isPerson(name) {
		return name
	}
	surname, given, _ := strings.Cut(name, ", ")
	var inits []string
	for _, g := range strings.Fields(given) {
		var parts []string
		for _, h := range strings.Split(g, "-") {
			r := []rune(strings.TrimSuffix(h, "."))
			if len(r) > 0 {
				parts = append(parts, string(unicode.ToUpper(r[0]))+".")
			}
		}
		inits = append(inits, strings.Join(parts, "-"))
	}
	return surname + ", " + strings.Join(inits, " ")
}

// naturalName is "Michael N. Schmitt" for a person.
func naturalName(name string) string {
	if !isPerson(name) {
		return name
	}
	surname, given, _ := strings.Cut(name, ", ")
	return given + " " + surname
}

// apaAuthors: "A", "A, & B", "A, B, & C".
func apaAuthors(authors []string) string {
	names := make([]string, len(authors))
	for i, a := range authors {
		names[i] = apaName(a)
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + ", & " + names[len(names)-1]
}

// chicagoAuthors: note form "A and B", "A, B, and C"; the bibliography inverts the first name only.
func chicagoAuthors(authors []string, bib bool) string {
	names := make([]string, len(authors))
	for i, a := range authors {
		if bib && i == 0 {
			names[i] = a
		} else {
			names[i] = naturalName(a)
		}
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	case 2:
		if bib && isPerson(authors[0]) {
			return names[0] + ", and " + names[1]
		}
		return names[0] + " and " + names[1]
	}
	return strings.Join(names[:len(names)-1], ", ") + ", and " + names[len(names)-1]
}

// groupAuthor: a web page, press release or book without a named author is by its
// publisher; the publisher is then not repeated as the site.
func (p citeParts) groupAuthor() ([]string, bool) {
	if len(p.authors) > 0 {
		return p.authors, false
	}
	switch p.kind {
	case citeWeb, citePress, citeUN:
		if p.publisher != "" {
			return []string{p.publisher}, true
		}
	}
	return nil, false
}

// site is the publisher when it is not already the author.
func (p citeParts) site() string {
	authors, _ := p.groupAuthor()
	if len(authors) == 1 && strings.EqualFold(authors[0], p.publisher) {
		return ""
	}
	return p.publisher
}

func (p citeParts) apaRetrieved() string {
	if !p.date.known && p.accessed.known {
		return "Retrieved " + p.accessed.t.Format("January 2, 2006") + ", from " + p.url
	}
	return p.url
}

// apa builds the APA 7 reference-list entry.
func apa(p citeParts) []CiteSegment {
	authors, _ := p.groupAuthor()
	date := "(" + p.date.apa() + "). "
	var segs []CiteSegment
	lead := func() {
		if len(authors) > 0 {
			segs = append(segs, CiteSegment{Text: endSentence(apaAuthors(authors)) + " " + date})
		}
	}
	switch p.kind {
	case citeUN:
		lead()
		return append(segs, CiteSegment{Text: p.title, Italic: true}, CiteSegment{Text: " (" + p.symbol + "). " + p.url})
	case citeArticle:
		if len(authors) == 0 { // Title. (Date). *Periodical*. URL
			segs = append(segs, CiteSegment{Text: endSentence(p.title) + " " + date})
		} else {
			lead()
			segs = append(segs, CiteSegment{Text: endSentence(p.title) + " "})
		}
		return append(segs, CiteSegment{Text: p.publisher, Italic: true}, CiteSegment{Text: ". " + p.url})
	case citeJournal:
		if len(authors) == 0 {
			segs = append(segs, CiteSegment{Text: endSentence(p.title) + " " + date})
		} else {
			lead()
			segs = append(segs, CiteSegment{Text: endSentence(p.title) + " "})
		}
		segs = append(segs, CiteSegment{Text: p.publisher, Italic: true})
		if p.volume != "" {
			segs = append(segs, CiteSegment{Text: ", "}, CiteSegment{Text: p.volume, Italic: true})
			if p.issue != "" {
				segs = append(segs, CiteSegment{Text: "(" + p.issue + ")"})
			}
		}
		tail := ""
		if p.pages != "" {
			tail = ", " + p.pages
		}
		return append(segs, CiteSegment{Text: tail + ". " + p.url})
	}
	// Web page, press release, book: Author. (Date). *Title* [Press release]. Site. URL
	lead()
	if p.described { // APA: a description in square brackets, not italic, no "[Press release]"
		if len(authors) == 0 {
			segs = append(segs, CiteSegment{Text: "[" + p.title + "]. " + date})
		} else {
			segs = append(segs, CiteSegment{Text: "[" + p.title + "]. "})
		}
	} else if len(authors) == 0 {
		segs = append(segs, CiteSegment{Text: p.title, Italic: true}, CiteSegment{Text: ". " + date})
	} else if p.kind == citePress {
		segs = append(segs, CiteSegment{Text: strings.TrimRight(p.title, "."), Italic: true}, CiteSegment{Text: " [Press release]. "})
	} else {
		segs = append(segs, CiteSegment{Text: endSentence(p.title), Italic: true}, CiteSegment{Text: " "})
	}
	if site := p.site(); site != "" {
		segs = append(segs, CiteSegment{Text: endSentence(site) + " "})
	}
	return mergePlain(append(segs, CiteSegment{Text: p.apaRetrieved()}))
}

// chicagoDate is the publication date, else "accessed <date>", else "n.d.".
func (p citeParts) chicagoDate(bib bool) string {
	if d := p.date.chicago(); d != "" {
		return d
	}
	if p.accessed.known && p.kind != citeUN {
		if bib {
			return "Accessed " + p.accessed.t.Format("January 2, 2006")
		}
		return "accessed " + p.accessed.t.Format("January 2, 2006")
	}
	return "n.d."
}

// quoted is “Title,” (or “Title.” with sep "."): the punctuation goes inside the quotes; a
// title ending in ? or ! keeps it and, in a note, still takes the comma.
func quoted(title, sep string) string {
	title = strings.TrimRight(title, ".")
	if sep == "." && (strings.HasSuffix(title, "?") || strings.HasSuffix(title, "!")) {
		return "“" + title + "”"
	}
	return "“" + title + sep + "”"
}

// quotedTitle is the title in quotation marks, or a described work's description as it
// stands (Chicago sets descriptions of untitled works without quotation marks).
func (p citeParts) quotedTitle(sep string) string {
	if p.described {
		return strings.TrimRight(p.title, ".") + sep
	}
	return quoted(p.title, sep)
}

// chicagoNote builds the first full footnote.
func chicagoNote(p citeParts) []CiteSegment {
	authors, _ := p.groupAuthor()
	who := ""
	if len(authors) > 0 {
		who = chicagoAuthors(authors, false) + ", "
	}
	switch p.kind {
	case citeUN:
		return []CiteSegment{{Text: who}, {Text: p.title, Italic: true},
			{Text: ", " + p.symbol + " (" + p.chicagoDate(false) + "), " + p.url + "."}}
	case citeArticle:
		return mergePlain([]CiteSegment{{Text: who + p.quotedTitle(",") + " "}, {Text: p.publisher, Italic: true},
			{Text: ", " + p.chicagoDate(false) + ", " + p.url + "."}})
	case citeJournal:
		return mergePlain([]CiteSegment{{Text: who + p.quotedTitle(",") + " "}, {Text: p.publisher, Italic: true},
			{Text: p.journalLocator() + ", " + p.url + "."}})
	case citeBook:
		pub := p.publisher
		if pub != "" {
			pub += ", "
		}
		return mergePlain([]CiteSegment{{Text: who}, {Text: strings.TrimRight(p.title, "."), Italic: true},
			{Text: " (" + pub + p.chicagoDate(false) + "), " + p.url + "."}})
	case citePress:
		return []CiteSegment{{Text: who + p.quotedTitle(",") + " press release, " + p.chicagoDate(false) + ", " + p.url + "."}}
	}
	site := ""
	if s := p.site(); s != "" {
		site = s + ", "
	}
	return []CiteSegment{{Text: who + p.quotedTitle(",") + " " + site + p.chicagoDate(false) + ", " + p.url + "."}}
}

// journalLocator is " 9, no. 2 (2021): 45–67" after the journal's name.
func (p citeParts) journalLocator() string {
	s := ""
	if p.volume != "" {
		s += " " + p.volume
	}
	if p.issue != "" {
		if s != "" {
			s += ","
		}
		s += " no. " + p.issue
	}
	s += " (" + p.chicagoDate(false) + ")"
	if p.pages != "" {
		s += ": " + p.pages
	}
	return s
}

// chicagoBib builds the bibliography entry.
func chicagoBib(p citeParts) []CiteSegment {
	authors, _ := p.groupAuthor()
	who := ""
	if len(authors) > 0 {
		who = endSentence(chicagoAuthors(authors, true)) + " "
	}
	switch p.kind {
	case citeUN:
		return []CiteSegment{{Text: who}, {Text: endSentence(p.title), Italic: true},
			{Text: " " + p.symbol + ". " + endSentence(p.chicagoDate(true)) + " " + p.url + "."}}
	case citeArticle:
		if who == "" { // *Periodical*. “Title.” Date. URL.
			return mergePlain([]CiteSegment{{Text: p.publisher, Italic: true},
				{Text: ". " + p.quotedTitle(".") + " " + endSentence(p.chicagoDate(true)) + " " + p.url + "."}})
		}
		return mergePlain([]CiteSegment{{Text: who + p.quotedTitle(".") + " "}, {Text: p.publisher, Italic: true},
			{Text: ", " + endSentence(p.chicagoDate(true)) + " " + p.url + "."}})
	case citeJournal:
		return mergePlain([]CiteSegment{{Text: who + p.quotedTitle(".") + " "}, {Text: p.publisher, Italic: true},
			{Text: p.journalLocator() + ". " + p.url + "."}})
	case citeBook:
		pub := p.publisher
		if pub != "" {
			pub += ", "
		}
		return mergePlain([]CiteSegment{{Text: who}, {Text: endSentence(p.title), Italic: true},
			{Text: " " + pub + endSentence(p.chicagoDate(true)) + " " + p.url + "."}})
	case citePress:
		return []CiteSegment{{Text: who + p.quotedTitle(".") + " Press release, " + endSentence(p.chicagoDate(true)) + " " + p.url + "."}}
	}
	site := ""
	if s := p.site(); s != "" {
		site = endSentence(s) + " "
	}
	return []CiteSegment{{Text: who + p.quotedTitle(".") + " " + site + endSentence(p.chicagoDate(true)) + " " + p.url + "."}}
}

// mergePlain joins neighbouring segments of the same style and drops empty ones.
func mergePlain(segs []CiteSegment) []CiteSegment {
	out := segs[:0:0]
	for _, s := range segs {
		if s.Text == "" {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Italic == s.Italic {
			out[n-1].Text += s.Text
			continue
		}
		out = append(out, s)
	}
	return out
}

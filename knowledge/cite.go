package knowledge

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// CiteSegment is a run of citation text; Italic marks titles the style sets in italics.
type CiteSegment struct {
	Text   string
	Italic bool
}

// Citation is one source ready to paste into a paper, in APA 7 and Chicago
// notes-bibliography style. Each style is a list of segments so that chat renderers can
// italicise titles; String joins them as plain text.
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

// citeParts are the elements both styles are built from.
type citeParts struct {
	author string
	title  string
	symbol string // UN document symbol, empty for other sources
	url    string
	year   int        // 0 when unknown ("n.d.")
	date   time.Time  // full date when the source states one
	hasDay bool       //
	un     bool       // a UN document: the title is a document title
	month  time.Month // when the source states a month but no day
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
	// siteSeparator splits "Digital Watch: title" or "dig.watch — title".
	siteSeparator = regexp.MustCompile(`^(.{2,60}?)(?:\s+[—–-]\s+|:\s+)(.+)$`)
	// shortGA expands the "GA" abbreviation of resolution titles.
	shortGA = regexp.MustCompile(`^GA\b`)
	// trailingYear is ", 2016" at the end of a site name.
	trailingYear = regexp.MustCompile(`,\s*\d{4}$`)
)

func parts(f *Fact, s Source) citeParts {
	p := citeParts{url: s.URL, title: strings.TrimSpace(s.Title)}
	sym := s.Symbol
	if sym == "" && strings.HasPrefix(s.URL, docsUNPrefix) {
		sym = strings.TrimPrefix(s.URL, docsUNPrefix)
	}
	if sym == "" {
		// Other sources: the site or organisation is the author. Their titles may end with
		// the date of the event they report, not of the page, so no date is read from them.
		p.author, p.title = siteAndTitle(p.title, s.URL)
		return p
	}
	p.un, p.symbol, p.author = true, sym, unAuthor(sym)
	if m := ownDate.FindStringSubmatchIndex(p.title); m != nil {
		var raw string
		if m[2] >= 0 {
			raw = p.title[m[2]:m[3]]
		} else {
			raw = p.title[m[4]:m[5]]
		}
		if d, hasDay, month, ok := parseLooseDate(raw); ok {
			p.title = strings.TrimSpace(p.title[:m[0]])
			p.year, p.date, p.hasDay, p.month = d.Year(), d, hasDay, month
		}
	}
	// "A/RES/73/187 — Countering …": the symbol is printed in its own place.
	for _, sep := range []string{" — ", " – ", ": "} {
		if strings.HasPrefix(p.title, sym+sep) {
			p.title = strings.TrimPrefix(p.title, sym+sep)
		}
	}
	p.title = shortGA.ReplaceAllString(p.title, "General Assembly")
	if p.year == 0 {
		p.year = factYearFor(f, sym)
	}
	return p
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

// siteAndTitle splits a source title into the publishing site and the page title;
// without a "Site: title" prefix the URL's host is the author.
func siteAndTitle(title, rawURL string) (author, rest string) {
	if m := siteSeparator.FindStringSubmatch(title); m != nil && len(strings.Fields(m[1])) <= 6 {
		// "International Affairs (Russia), 2016: …": the issue year is not part of the name.
		site := trailingYear.ReplaceAllString(strings.TrimSpace(m[1]), "")
		return site, upperFirst(strings.TrimSpace(m[2]))
	}
	host := ""
	if u, err := url.Parse(rawURL); err == nil {
		host = strings.TrimPrefix(u.Hostname(), "www.")
	}
	if host == "un.org" || strings.HasSuffix(host, ".un.org") {
		return "United Nations", title
	}
	return host, title
}

func parseLooseDate(s string) (d time.Time, hasDay bool, month time.Month, ok bool) {
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, ".", "")), " ")
	for _, l := range []struct {
		layout string
		day    bool
		month  bool
	}{{"2 January 2006", true, true}, {"2 Jan 2006", true, true}, {"January 2006", false, true}, {"Jan 2006", false, true}, {"2006", false, false}} {
		if t, err := time.Parse(l.layout, s); err == nil {
			m := time.Month(0)
			if l.month {
				m = t.Month()
			}
			return t, l.day, m, true
		}
	}
	return time.Time{}, false, 0, false
}

// endSentence adds a full stop unless the text already ends with punctuation.
func endSentence(s string) string {
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

func (p citeParts) apaYear() string {
	if p.year == 0 {
		return "n.d."
	}
	return strconv.Itoa(p.year)
}

// chicagoDate is "July 22, 2015", "December 2018", "2015" or "n.d.".
func (p citeParts) chicagoDate() string {
	switch {
	case p.year == 0:
		return "n.d."
	case p.hasDay:
		return p.date.Format("January 2, 2006")
	case p.month != 0:
		return p.date.Format("January 2006")
	}
	return strconv.Itoa(p.year)
}

// apa: Author. (Year). *Title* (Symbol). URL
func apa(p citeParts) []CiteSegment {
	segs := []CiteSegment{{Text: endSentence(p.author) + " (" + p.apaYear() + "). "}}
	if p.un {
		segs = append(segs, CiteSegment{Text: p.title, Italic: true}, CiteSegment{Text: " (" + p.symbol + "). " + p.url})
		return segs
	}
	return append(segs, CiteSegment{Text: endSentence(p.title), Italic: true}, CiteSegment{Text: " " + p.url})
}

// chicagoNote: Author, *Title*, Symbol (Date), URL.  |  Author, “Title,” Date, URL.
func chicagoNote(p citeParts) []CiteSegment {
	if p.un {
		return []CiteSegment{{Text: p.author + ", "}, {Text: p.title, Italic: true},
			{Text: ", " + p.symbol + " (" + p.chicagoDate() + "), " + p.url + "."}}
	}
	return []CiteSegment{{Text: p.author + ", “" + strings.TrimRight(p.title, ".") + ",” " + p.chicagoDate() + ", " + p.url + "."}}
}

// chicagoBib: Author. *Title*. Symbol. Date. URL.  |  Author. “Title.” Date. URL.
func chicagoBib(p citeParts) []CiteSegment {
	if p.un {
		return []CiteSegment{{Text: endSentence(p.author) + " "}, {Text: endSentence(p.title), Italic: true},
			{Text: " " + p.symbol + ". " + endSentence(p.chicagoDate()) + " " + p.url + "."}}
	}
	return []CiteSegment{{Text: endSentence(p.author) + " “" + endSentence(p.title) + "” " + endSentence(p.chicagoDate()) + " " + p.url + "."}}
}

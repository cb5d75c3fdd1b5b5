package bot

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// MaxPageRunes bounds a /timeline page as plain text, so one page fits a Discord message.
const MaxPageRunes = 2000

// Years a timeline filter may name; anything else is a typo.
const (
	minYear = 1900
	maxYear = 2100
)

var (
	yearRe  = regexp.MustCompile(`^\d{4}$`)
	rangeRe = regexp.MustCompile(`^(\d{4})\s*(?:-|–|—|\.\.)\s*(\d{4})$`)
	pageRe  = regexp.MustCompile(`^(?:p|page|hal|halaman)?(\d{1,3})$`)
	// spacedRange lets "2015 - 2021" and "2015 – 2021" through as one range word.
	spacedRange = regexp.MustCompile(`(\d{4})\s+(-|–|—)\s+(\d{4})`)
)

// timelineQuery is a parsed /timeline argument.
type timelineQuery struct {
	filter knowledge.TimelineFilter
	page   int    // 1-based
	cmd    string // the command name used ("timeline", "linimasa"), kept in the buttons so their language sticks
}

// canonical is the filter as a command argument ("gge 2015-2021"), without the page.
func (q timelineQuery) canonical() string {
	var parts []string
	if q.filter.Topic != "" {
		parts = append(parts, q.filter.Topic)
	}
	switch {
	case q.filter.From != 0 && q.filter.From == q.filter.To:
		parts = append(parts, strconv.Itoa(q.filter.From))
	case q.filter.From != 0 || q.filter.To != 0:
		parts = append(parts, fmt.Sprintf("%d-%d", q.filter.From, q.filter.To))
	}
	return strings.Join(parts, " ")
}

// label describes the filter to a reader ("2015–2021 · gge").
func (q timelineQuery) label() string {
	var parts []string
	switch {
	case q.filter.From != 0 && q.filter.From == q.filter.To:
		parts = append(parts, strconv.Itoa(q.filter.From))
	case q.filter.From != 0 || q.filter.To != 0:
		parts = append(parts, fmt.Sprintf("%d–%d", q.filter.From, q.filter.To))
	}
	if q.filter.Topic != "" {
		parts = append(parts, q.filter.Topic)
	}
	return strings.Join(parts, " · ")
}

// pageCommand is the command line that shows page n of the same filter.
func (q timelineQuery) pageCommand(n int) string {
	c := "/timeline"
	if q.cmd != "" {
		c = "/" + q.cmd
	}
	if f := q.canonical(); f != "" {
		c += " " + f
	}
	if n > 1 {
		c += " p" + strconv.Itoa(n)
	}
	return c
}

// parseTimeline reads "[topic] [year | from-to] [page]" in any order; bad is the first
// word it could not read.
func parseTimeline(args string) (q timelineQuery, bad string) {
	q.page = 1
	args = strings.ToLower(strings.TrimSpace(args))
	args = spacedRange.ReplaceAllString(args, "$1-$3")
	var haveYears, havePage bool
	for _, w := range strings.Fields(args) {
		switch {
		case yearRe.MatchString(w) && !haveYears:
			y, _ := strconv.Atoi(w)
			if y < minYear || y > maxYear {
				return q, w
			}
			q.filter.From, q.filter.To, haveYears = y, y, true
		case rangeRe.MatchString(w) && !haveYears:
			m := rangeRe.FindStringSubmatch(w)
			from, _ := strconv.Atoi(m[1])
			to, _ := strconv.Atoi(m[2])
			if from > to {
				from, to = to, from
			}
			if from < minYear || to > maxYear {
				return q, w
			}
			q.filter.From, q.filter.To, haveYears = from, to, true
		case pageRe.MatchString(w) && !havePage:
			n, _ := strconv.Atoi(pageRe.FindStringSubmatch(w)[1])
			if n < 1 {
				return q, w
			}
			q.page, havePage = n, true
		default:
			if _, ok := knowledge.LookupTopic(w); ok && q.filter.Topic == "" {
				q.filter.Topic = w
				continue
			}
			return q, w
		}
	}
	return q, ""
}

func (b *Bot) handleTimeline(ctx context.Context, m *Message) *Reply {
	lang, _ := LangFrom(ctx)
	args, wantChart := chartArgs(Args(m))
	if !wantChart {
		args = Args(m)
	}
	q, bad := parseTimeline(args)
	if m.Call != nil {
		q.cmd = m.Call.Name
	}
	if bad != "" {
		return &Reply{Kind: KindError, Lang: lang, Blocks: []Block{
			para(text(lang, "timeline.bad", truncateRunes(bad, 40))),
			para(text(lang, "timeline.usage")),
		}}
	}
	if wantChart {
		return b.handleTimelineChart(ctx, lang, q)
	}
	return b.timelinePage(b.kb(ctx), q, lang)
}

// timelinePage renders one page of the filtered timeline with paging buttons.
func (b *Bot) timelinePage(kb *view, q timelineQuery, lang knowledge.Lang) *Reply {
	events := kb.base.Timeline(q.filter)
	title := text(lang, "timeline.title")
	if l := q.label(); l != "" {
		title += " " + l
	}
	if len(events) == 0 {
		what := q.label()
		if what == "" {
			what = "1998–2026"
		}
		return &Reply{Kind: KindInfo, Lang: lang, Blocks: []Block{para(text(lang, "timeline.none", what)), para(text(lang, "timeline.usage"))}}
	}
	lines := make([]Block, len(events))
	for i, f := range events {
		lines[i] = timelineLine(f, lang)
	}
	// The footer is measured at its widest (page numbers as long as the event count)
	// so that every page, footer included, stays within MaxPageRunes.
	widest := text(lang, "timeline.page", len(events), len(events), len(events))
	overhead := utf8.RuneCountInString(PlainText(&Reply{Title: title, Blocks: []Block{para("")}, Footer: widest}))
	pages := paginate(lines, MaxPageRunes-overhead)
	if q.page > len(pages) {
		return &Reply{Kind: KindError, Lang: lang, Blocks: []Block{para(text(lang, "timeline.nopage", q.page, len(pages)))},
			Buttons: [][]Button{{{Label: fmt.Sprintf("%s %d", text(lang, "timeline.title"), len(pages)), Data: q.pageCommand(len(pages))}}}}
	}
	start, end := pages[q.page-1][0], pages[q.page-1][1]
	r := &Reply{
		Kind:   KindTimeline,
		Lang:   lang,
		Title:  title,
		Blocks: lines[start:end],
		Footer: text(lang, "timeline.page", q.page, len(pages), len(events)),
	}
	filter := q.filter
	r.Timeline = &filter
	var row []Button
	if q.page > 1 {
		row = append(row, Button{Label: text(lang, "timeline.prev"), Data: q.pageCommand(q.page - 1)})
	}
	if q.page < len(pages) {
		row = append(row, Button{Label: text(lang, "timeline.next"), Data: q.pageCommand(q.page + 1)})
	}
	if len(row) > 0 {
		r.Buttons = [][]Button{row}
	}
	return r
}

// timelineLine is "date  title — symbol", the symbol only when the title lacks it.
func timelineLine(f *knowledge.Fact, lang knowledge.Lang) Block {
	title := f.Title(lang)
	spans := []Span{{Text: f.Date, Style: Bold}, {Text: "  " + title}}
	var missing []string
	for _, s := range f.Symbols {
		if !strings.Contains(title, s) {
			missing = append(missing, s)
		}
	}
	if len(missing) > 0 {
		spans = append(spans, Span{Text: " — "}, Span{Text: strings.Join(missing, ", "), Style: Code})
	}
	return Block{Spans: spans}
}

// paginate splits lines into [start,end) pages whose plain text, one line each, fits budget.
func paginate(lines []Block, budget int) [][2]int {
	var pages [][2]int
	start, used := 0, 0
	for i, l := range lines {
		n := utf8.RuneCountInString(plainSpans(l.Spans)) + 1 // +1 for the newline
		if i > start && used+n > budget {
			pages = append(pages, [2]int{start, i})
			start, used = i, 0
		}
		used += n
	}
	return append(pages, [2]int{start, len(lines)})
}

// Package chart draws the timeline of the fact base as a picture: parallel tracks (the
// GGE, the OEWG and the Global Mechanism, the cybercrime track, regional and Indonesia),
// each event a marker labelled with its year and document symbol. Layout is computed
// once, in pure Go with the embedded Go fonts, and then drawn as a PNG (chat platforms)
// or an SVG (the web companion); both show only what the fact base holds.
package chart

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// Geometry of a chart, in pixels at scale 1.
const (
	DefaultWidth = 1280 // wide enough for the whole 1998–2026 range, under Telegram's 1280 px photo side
	MinWidth     = 600
	MaxWidth     = 4000

	margin       = 24
	titleSize    = 26
	textSize     = 14
	labelSize    = 12
	laneHead     = 24 // a lane's name above its markers
	rowHeight    = 17 // one row of labels
	markerR      = 5
	labelPad     = 6  // horizontal space kept between two labels on one row
	maxLabel     = 28 // runes of a title used as a label when the fact has no symbol
	axisHeight   = 28
	legendRowH   = 22
	legendSwatch = 12
)

// Track is one parallel line of the chart; its name in each language is in Words.
type Track struct {
	Key   string
	Color color.RGBA
}

// tracks in display order. An event goes on the track of the first of its own topics
// that names one (topicTrack); events whose topics name none go on "other".
var tracks = []Track{
	{"gge", color.RGBA{0x1f, 0x5f, 0xa8, 0xff}},
	{"oewg", color.RGBA{0x0b, 0x7a, 0x5a, 0xff}},
	{"cybercrime", color.RGBA{0xb0, 0x3a, 0x2e, 0xff}},
	{"regional", color.RGBA{0x8a, 0x4f, 0xb0, 0xff}},
	{"other", color.RGBA{0x5f, 0x63, 0x68, 0xff}},
}

// topicTrack maps a fact topic to its track; topics absent here (resolutions, norms,
// law, origins, …) do not decide a track by themselves.
var topicTrack = map[string]string{
	"gge":        "gge",
	"oewg":       "oewg",
	"mechanism":  "oewg",
	"cybercrime": "cybercrime",
	"regional":   "regional",
	"asean":      "regional",
	"indonesia":  "regional",
}

// TrackOf is the key of the track a timeline fact is drawn on.
func TrackOf(f *knowledge.Fact) string {
	for _, t := range f.Topics {
		if k, ok := topicTrack[t]; ok {
			return k
		}
	}
	return "other"
}

// Tracks lists the chart's tracks in display order.
func Tracks() []Track { return append([]Track(nil), tracks...) }

// Request is what a chart shows.
type Request struct {
	Filter knowledge.TimelineFilter
	Lang   knowledge.Lang
	// Width in pixels; 0 means DefaultWidth. It is clamped to [MinWidth, MaxWidth].
	Width int
}

func (r Request) width() int {
	switch {
	case r.Width == 0:
		return DefaultWidth
	case r.Width < MinWidth:
		return MinWidth
	case r.Width > MaxWidth:
		return MaxWidth
	}
	return r.Width
}

// Layout is a chart placed but not drawn: every position and text of the picture.
// Golden tests compare it; PNG and SVG draw it.
type Layout struct {
	Width, Height int
	Lang          knowledge.Lang
	Title         string   // "Timeline 2013–2021 · gge"
	Subtitle      []string // "25 events, 2013–2021, from the cyberdiplo fact base · topic: GGE", wrapped
	TitleY        int      // text baselines
	SubtitleY     int      // baseline of the first subtitle line
	From, To      int      // the years on the axis, inclusive
	PlotX0        int      // x of From's 1 January
	PlotX1        int      // x of To's 31 December
	Legend        []LegendItem
	Lanes         []Lane
	Ticks         []Tick
	AxisY         int // the axis line; tick labels hang below it
	Marks         []Mark
	Footer        []string // lines, wrapped to the width
	FooterY       int      // baseline of the first footer line
}

// LegendItem is one coloured swatch and its track name.
type LegendItem struct {
	Track string
	Label string
	X, Y  int // swatch's top-left corner; the label follows on the right
	Color color.RGBA
}

// Lane is one track's band.
type Lane struct {
	Track   string
	Label   string
	Color   color.RGBA
	Y       int // top of the band
	Height  int
	LabelY  int // baseline of the lane's name
	MarkerY int // centre line of the markers
}

// Tick is a year on the axis.
type Tick struct {
	X     int
	Label string
	Major bool // labelled; minor ticks are drawn without text
}

// Mark is one event.
type Mark struct {
	FactID string
	Track  string
	Date   string
	Title  string // the fact's title, for tooltips and alt texts
	Label  string // "2015 · A/70/174"
	X, Y   int    // marker centre
	LabelX int    // label's left end and baseline
	LabelY int
	Row    int // label row in the lane, 0 nearest the marker
	Color  color.RGBA
}

// Words are the chart's texts in one language. They live in the bot's one text
// catalogue, not here: package bot imports chart, so chart cannot look them up itself,
// and the bot hands them in (NewRenderer's Texts) instead of chart keeping a second table.
type Words struct {
	Title  string            // the heading
	Events string            // the subtitle of several events: %d the count, %s the years
	Event  string            // the subtitle of one event: %s the years
	Topic  string            // added to the subtitle of a topic's chart: %s the topic's name
	Footer string            // %s the chat command that lists the same events
	Tracks map[string]string // each track's name, by Track.Key
}

// Texts gives the chart's Words in a language (English unless Indonesian).
type Texts func(knowledge.Lang) Words

// label is the track's name, or its key when the words lack it (a gap the bot's
// catalogue test catches, rather than an empty legend).
func (w Words) label(t Track) string {
	if s := w.Tracks[t.Key]; s != "" {
		return s
	}
	return t.Key
}

// RangeLabel is the years a filter shows, "2013–2021", or the years of events when the
// filter leaves them open.
func RangeLabel(from, to int) string {
	if from == to {
		return strconv.Itoa(from)
	}
	return fmt.Sprintf("%d–%d", from, to)
}

// Command is the chat command that lists the same events as text.
func Command(f knowledge.TimelineFilter, lang knowledge.Lang) string {
	c := "/timeline"
	if lang == knowledge.ID {
		c = "/linimasa"
	}
	if f.Topic != "" {
		c += " " + f.Topic
	}
	switch {
	case f.From != 0 && f.From == f.To:
		c += " " + strconv.Itoa(f.From)
	case f.From != 0 || f.To != 0:
		c += fmt.Sprintf(" %d-%d", f.From, f.To)
	}
	return c
}

// EventLabel is the text beside an event's marker: its year and its first document
// symbol, or its title shortened when it has no symbol.
func EventLabel(f *knowledge.Fact, lang knowledge.Lang) string {
	year := strconv.Itoa(f.Year())
	if len(f.Symbols) > 0 {
		return year + " · " + f.Symbols[0]
	}
	return year + " · " + shorten(f.Title(lang), maxLabel)
}

// shorten cuts s to at most n runes at a word boundary, marking the cut with "…".
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	cut := strings.LastIndexByte(string(r), ' ')
	out := string(r)
	if cut > len(out)/2 {
		out = out[:cut]
	}
	return strings.TrimRight(out, " ,;:–—-(") + "…"
}

// Build lays out events (in date order, as knowledge.Base.Timeline returns them). It
// returns ok false when there is nothing to draw.
func Build(events []*knowledge.Fact, req Request, m Measurer, words Words) (Layout, bool) {
	if len(events) == 0 {
		return Layout{}, false
	}
	lang := req.Lang
	if lang != knowledge.ID {
		lang = knowledge.EN
	}
	w := req.width()
	l := Layout{Width: w, Lang: lang}

	// Years on the axis: the filter's range, or the events' own when it is open.
	l.From, l.To = events[0].Year(), events[len(events)-1].Year()
	if req.Filter.From != 0 {
		l.From = req.Filter.From
	}
	if req.Filter.To != 0 {
		l.To = req.Filter.To
	}
	rng := RangeLabel(l.From, l.To)

	l.Title = words.Title
	sub := fmt.Sprintf(words.Events, len(events), rng)
	if len(events) == 1 {
		sub = fmt.Sprintf(words.Event, rng)
	}
	if req.Filter.Topic != "" {
		sub += " · " + fmt.Sprintf(words.Topic, topicLabel(req.Filter.Topic, lang))
	}
	l.Subtitle = wrap(sub, w-2*margin, textSize, m)
	y := margin + titleSize
	l.TitleY = y
	y += 8 + textSize
	l.SubtitleY = y
	y += (len(l.Subtitle)-1)*(textSize+4) + 14

	// Lanes in track order, only those with events.
	byTrack := map[string][]*knowledge.Fact{}
	for _, f := range events {
		k := TrackOf(f)
		byTrack[k] = append(byTrack[k], f)
	}
	var shown []Track
	for _, t := range tracks {
		if len(byTrack[t.Key]) > 0 {
			shown = append(shown, t)
		}
	}

	// Legend: swatches flow left to right, wrapping.
	x := margin
	for _, t := range shown {
		label := words.label(t)
		adv := legendSwatch + 6 + m.Width(label, textSize, false) + 18
		if x > margin && x+adv > w-margin {
			x = margin
			y += legendRowH
		}
		l.Legend = append(l.Legend, LegendItem{Track: t.Key, Label: label, X: x, Y: y, Color: t.Color})
		x += adv
	}
	y += legendRowH + 6

	// The plot: one year is a column of equal width.
	l.PlotX0, l.PlotX1 = margin, w-margin
	years := l.To - l.From + 1
	xOf := func(f *knowledge.Fact) int {
		pos := float64(f.Year()-l.From) + yearFraction(f.Date)
		return l.PlotX0 + int(pos*float64(l.PlotX1-l.PlotX0)/float64(years)+0.5)
	}

	for _, t := range shown {
		lane := Lane{Track: t.Key, Label: words.label(t), Color: t.Color, Y: y}
		lane.LabelY = y + laneHead - 7
		lane.MarkerY = y + laneHead + markerR + 2
		var rowEnds []int // the right end of the last label on each row
		for _, f := range byTrack[t.Key] {
			label := EventLabel(f, lang)
			mx := xOf(f)
			lw := m.Width(label, labelSize, false)
			lx := mx - markerR
			if lx+lw > l.PlotX1 {
				lx = max(l.PlotX0, mx+markerR-lw) // hang the label left of its marker at the right edge
			}
			row := 0
			for row < len(rowEnds) && rowEnds[row]+labelPad > lx {
				row++
			}
			if row == len(rowEnds) {
				rowEnds = append(rowEnds, 0)
			}
			rowEnds[row] = lx + lw
			l.Marks = append(l.Marks, Mark{
				FactID: f.ID, Track: t.Key, Date: f.Date, Title: f.Title(lang), Label: label,
				X: mx, Y: lane.MarkerY, LabelX: lx, LabelY: lane.MarkerY + markerR + 4 + (row+1)*rowHeight - 4,
				Row: row, Color: t.Color,
			})
		}
		lane.Height = laneHead + 2*markerR + 6 + len(rowEnds)*rowHeight + 8
		l.Lanes = append(l.Lanes, lane)
		y += lane.Height
	}

	// The axis under the lanes, a tick per year, labelled as often as there is room.
	l.AxisY = y + 4
	colW := float64(l.PlotX1-l.PlotX0) / float64(years)
	step := 1
	for _, s := range []int{1, 2, 5, 10, 20, 50} {
		step = s
		if colW*float64(s) >= float64(m.Width("2000", labelSize, false)+14) {
			break
		}
	}
	for yr := l.From; yr <= l.To; yr++ {
		tx := l.PlotX0 + int(float64(yr-l.From)*colW+0.5)
		l.Ticks = append(l.Ticks, Tick{X: tx, Label: strconv.Itoa(yr), Major: (yr-l.From)%step == 0})
	}
	y = l.AxisY + axisHeight
	l.Footer = wrap(fmt.Sprintf(words.Footer, Command(req.Filter, lang)), w-2*margin, labelSize, m)
	l.FooterY = y + 6
	l.Height = l.FooterY + (len(l.Footer)-1)*rowHeight + margin
	return l, true
}

// yearFraction is how far into its year a date lies: the middle of the year for a bare
// year, the middle of the month for a month.
func yearFraction(date string) float64 {
	month, day := 0, 0
	if len(date) >= 7 {
		month, _ = strconv.Atoi(date[5:7])
	}
	if len(date) >= 10 {
		day, _ = strconv.Atoi(date[8:10])
	}
	switch {
	case month < 1 || month > 12:
		return 0.5
	case day < 1 || day > 31:
		return (float64(month-1) + 0.5) / 12
	}
	return (float64(month-1) + float64(day-1)/31) / 12
}

func topicLabel(key string, lang knowledge.Lang) string {
	if t, ok := knowledge.LookupTopic(key); ok {
		return t.Label(lang)
	}
	return key
}

// wrap breaks s into lines no wider than width at spaces.
func wrap(s string, width, size int, m Measurer) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(s) {
		next := w
		if cur != "" {
			next = cur + " " + w
		}
		if cur != "" && m.Width(next, size, false) > width {
			lines = append(lines, cur)
			next = w
		}
		cur = next
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

package bot

import (
	"context"
	"strings"

	"github.com/cyberdiplo/cyberdiplo/bot/chart"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// chartWords start a /timeline argument that asks for the picture instead of the list
// ("/timeline chart 2013-2021", "/linimasa grafik gge").
var chartWords = map[string]bool{"chart": true, "grafik": true, "gambar": true, "picture": true}

// chartArgs reports whether args ask for a chart, and the filter words after the word.
func chartArgs(args string) (rest string, ok bool) {
	first, rest, _ := strings.Cut(strings.TrimSpace(args), " ")
	if !chartWords[strings.ToLower(first)] {
		return "", false
	}
	return strings.TrimSpace(rest), true
}

// chartText holds the timeline chart's texts, part of the catalogue (Text): the reply
// around the picture ("chart.caption" …) and the picture's own words ("chart.title" …,
// "chart.track.<key>"), which chartPicture hands to package chart.
var chartText = map[string]msg{
	"chart.caption": {"%d events. The list with sources: %s", "%d peristiwa. Daftar dengan sumbernya: %s"},
	"chart.list":    {"As a list", "Sebagai daftar"},
	"chart.alt":     {"Timeline chart: %s", "Grafik linimasa: %s"},
	// The picture.
	"chart.title":  {"Timeline of UN cyber diplomacy", "Linimasa diplomasi siber PBB"},
	"chart.events": {"%d events, %s, from the cyberdiplo fact base", "%d peristiwa, %s, dari basis fakta cyberdiplo"},
	"chart.event":  {"1 event, %s, from the cyberdiplo fact base", "1 peristiwa, %s, dari basis fakta cyberdiplo"},
	"chart.topic":  {"topic: %s", "topik: %s"},
	"chart.footer": {
		"Each marker: year · UN document symbol (or short title). Full list with sources: %s",
		"Tiap penanda: tahun · simbol dokumen PBB (atau judul singkat). Daftar lengkap dengan sumber: %s",
	},
	"chart.track.gge":        {"Groups of Governmental Experts (GGE)", "Kelompok Ahli Pemerintah (GGE)"},
	"chart.track.oewg":       {"OEWG and the Global Mechanism", "OEWG dan Mekanisme Global"},
	"chart.track.cybercrime": {"Cybercrime track", "Jalur kejahatan siber"},
	"chart.track.regional":   {"Regional and Indonesia", "Regional dan Indonesia"},
	"chart.track.other":      {"Origins and other General Assembly texts", "Asal-usul dan teks Majelis Umum lainnya"},
}

// chartPicture is the picture's words in lang from the catalogue. The catalogue is read
// here and handed to package chart (chart.Texts) because bot imports chart: chart
// cannot call Text without an import cycle.
func chartPicture(lang knowledge.Lang) chart.Words {
	w := chart.Words{
		Title:  text(lang, "chart.title"),
		Events: text(lang, "chart.events"),
		Event:  text(lang, "chart.event"),
		Topic:  text(lang, "chart.topic"),
		Footer: text(lang, "chart.footer"),
		Tracks: map[string]string{},
	}
	for _, t := range chart.Tracks() {
		w.Tracks[t.Key] = text(lang, "chart.track."+t.Key)
	}
	return w
}

// Charts returns the renderer the bot draws timeline charts with, so that other
// adapters (the web companion) share its fonts and cache.
func (b *Bot) Charts() *chart.Renderer { return b.charts }

// newCharts builds the bot's chart renderer; nil (charts unavailable, logged) only if the
// embedded fonts could not be parsed.
func newCharts(log interface{ Error(string, ...any) }) *chart.Renderer {
	r, err := chart.NewRenderer(0, chartPicture)
	if err != nil {
		log.Error("timeline charts disabled", "err", err)
		return nil
	}
	return r
}

// handleTimelineChart draws the filtered timeline as a PNG with a caption; an empty
// range gets the list's polite text reply instead of a blank picture.
func (b *Bot) handleTimelineChart(ctx context.Context, lang knowledge.Lang, q timelineQuery) *Reply {
	kb := b.kb(ctx)
	list := q
	list.page = 1
	if len(kb.base.Timeline(q.filter)) == 0 {
		return b.timelinePage(kb, list, lang) // the polite "no events" reply
	}
	if b.charts == nil {
		return errorReply(lang, text(lang, "internal"))
	}
	c, err := b.charts.PNG(kb.base, chart.Request{Filter: q.filter, Lang: lang})
	if err != nil || c == nil {
		b.log.Error("drawing the timeline chart", "filter", q.canonical(), "err", err)
		return errorReply(lang, text(lang, "internal"))
	}
	title := text(lang, "timeline.title")
	rng := chart.RangeLabel(c.Layout.From, c.Layout.To)
	if l := q.label(); l != "" {
		title += " " + l
	} else {
		title += " " + rng
	}
	listCmd := list.pageCommand(1)
	name := "timeline"
	if f := strings.ReplaceAll(q.canonical(), " ", "-"); f != "" {
		name += "-" + f
	}
	filter := q.filter
	return &Reply{
		Kind:   KindTimeline,
		Lang:   lang,
		Title:  title,
		Blocks: []Block{para(text(lang, "chart.caption", c.Events, listCmd))},
		Image: &Image{
			Name: name + "-" + string(lang) + ".png", MIME: "image/png", Data: c.PNG,
			Width: c.Layout.Width, Height: c.Layout.Height,
			Alt: text(lang, "chart.alt", strings.Join(c.Layout.Subtitle, " ")),
		},
		Buttons:  [][]Button{{{Label: text(lang, "chart.list"), Data: listCmd}}},
		Timeline: &filter,
	}
}

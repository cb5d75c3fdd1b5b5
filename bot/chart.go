package bot

import (
	"context"
	"fmt"
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

// chartText holds the chart replies' texts; the chart's own texts are in package chart.
var chartText = map[string][2]string{
	"caption": {"%d events. The list with sources: %s", "%d peristiwa. Daftar dengan sumbernya: %s"},
	"list":    {"As a list", "Sebagai daftar"},
	"alt":     {"Timeline chart: %s", "Grafik linimasa: %s"},
	"usage":   {"Try /timeline chart 2013-2021 or /timeline chart gge.", "Coba /linimasa grafik 2013-2021 atau /linimasa grafik gge."},
}

func ctext(lang knowledge.Lang, key string, args ...any) string {
	s := chartText[key][0]
	if lang == knowledge.ID {
		s = chartText[key][1]
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// Charts returns the renderer the bot draws timeline charts with, so that other
// adapters (the web companion) share its fonts and cache.
func (b *Bot) Charts() *chart.Renderer { return b.charts }

// newCharts builds the bot's chart renderer; nil (charts unavailable, logged) only if the
// embedded fonts could not be parsed.
func newCharts(log interface{ Error(string, ...any) }) *chart.Renderer {
	r, err := chart.NewRenderer(0)
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
		Blocks: []Block{para(ctext(lang, "caption", c.Events, listCmd))},
		Image: &Image{
			Name: name + "-" + string(lang) + ".png", MIME: "image/png", Data: c.PNG,
			Width: c.Layout.Width, Height: c.Layout.Height,
			Alt: ctext(lang, "alt", strings.Join(c.Layout.Subtitle, " ")),
		},
		Buttons:  [][]Button{{{Label: ctext(lang, "list"), Data: listCmd}}},
		Timeline: &filter,
	}
}

package web

import (
	"context"
	"strconv"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// ReadMore is a bot middleware that adds to chat answers a "read more" link to the
// fact's page on the companion at baseURL, and to timeline replies a link to the same
// range there. An empty baseURL adds nothing.
func ReadMore(baseURL string) bot.Middleware {
	base := Config{BaseURL: baseURL}.base()
	return func(next bot.Handler) bot.Handler {
		if base == "" {
			return next
		}
		return bot.HandlerFunc(func(ctx context.Context, m *bot.Message) *bot.Reply {
			r := next.Handle(ctx, m)
			if r == nil {
				return nil
			}
			lang := r.Lang
			if lang != knowledge.ID {
				lang = knowledge.EN
			}
			var label, u string
			switch {
			case r.Kind == bot.KindAnswer && r.FactID != "":
				label, u = bot.Text(lang, bot.TextReadMore), base+link(factPath(r.FactID), lang)
			case r.Kind == bot.KindTimeline && r.Timeline != nil:
				label, u = bot.Text(lang, bot.TextTimelineWeb), base+TimelinePath(*r.Timeline, lang)
			default:
				return r
			}
			out := *r // the reply may be shared; never change it in place
			out.Blocks = append(append([]bot.Block(nil), r.Blocks...), bot.Block{Spans: []bot.Span{{Text: label, URL: u}}})
			return &out
		})
	}
}

// TimelinePath is the companion's address of a timeline range.
func TimelinePath(f knowledge.TimelineFilter, lang knowledge.Lang) string {
	var from, to string
	if f.From != 0 {
		from = strconv.Itoa(f.From)
	}
	if f.To != 0 {
		to = strconv.Itoa(f.To)
	}
	return link("/timeline", lang, "from", from, "to", to, "topic", f.Topic)
}

package limit_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/limit"
	"github.com/cyberdiplo/cyberdiplo/bot/metrics"
	"github.com/cyberdiplo/cyberdiplo/bot/standard"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// counter reads one counter series from g, 0 when absent.
func counter(t *testing.T, g prometheus.Gatherer, name string, labels map[string]string) float64 {
	t.Helper()
	mfs, err := g.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
	metric:
		for _, m := range mf.GetMetric() {
			for _, lp := range m.GetLabel() {
				if want, ok := labels[lp.GetName()]; ok && want != lp.GetValue() {
					continue metric
				}
			}
			return m.GetCounter().GetValue()
		}
	}
	return 0
}

// The real bot behind the metrics and the limiter, as the main program wires them: a
// student flooding a private chat with a real question gets the burst answered, one
// notice and silence, a refill later an answer again, and the metrics tell it all.
func TestFloodThroughTheRealBot(t *testing.T) {
	base, err := knowledge.Load(os.DirFS("../testdata/facts"))
	if err != nil {
		t.Fatal(err)
	}
	brain := standard.New(base, nil, bot.Options{})
	question := "What is A/70/174?"
	probe := brain.Handle(context.Background(), &bot.Message{Platform: "telegram", ChatID: "probe", ChatKind: bot.Private, UserID: "probe", Addressed: true, Text: question})
	if probe == nil || probe.Kind != bot.KindAnswer {
		t.Fatalf("the test question is not answered by the test facts: %+v", probe)
	}

	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	mx := metrics.New(metrics.Options{NoRuntime: true})
	lim, err := limit.New(limit.Config{UserPerMinute: 20, UserBurst: 6}, limit.Options{Now: func() time.Time { return now }, Counter: mx})
	if err != nil {
		t.Fatal(err)
	}
	h := bot.Chain(brain, mx.Middleware, lim.Middleware)
	msg := &bot.Message{Platform: "telegram", ChatID: "42", ChatKind: bot.Private, UserID: "42", Addressed: true, Text: question}
	var answered, notices, silent int
	for range 100 {
		switch r := h.Handle(context.Background(), msg); {
		case r == nil:
			silent++
		case r.Kind == bot.KindAnswer:
			answered++
		default:
			notices++
		}
	}
	if answered != 6 || notices != 1 || silent != 93 {
		t.Fatalf("flood of 100: %d answered, %d notices, %d silent; want 6, 1, 93", answered, notices, silent)
	}
	now = now.Add(3 * time.Second) // one token at 20 a minute
	if r := h.Handle(context.Background(), msg); r == nil || r.Kind != bot.KindAnswer {
		t.Fatalf("after a refill: %+v", r)
	}
	g := mx.Gatherer()
	tg := map[string]string{"platform": "telegram"}
	for _, tt := range []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"cyberdiplo_replies_total", map[string]string{"platform": "telegram", "outcome": metrics.OutcomeAnswered}, 7},
		{"cyberdiplo_replies_total", map[string]string{"platform": "telegram", "outcome": metrics.OutcomeInfo}, 1},
		{"cyberdiplo_replies_total", map[string]string{"platform": "telegram", "outcome": metrics.OutcomeSilent}, 93},
		{"cyberdiplo_rate_limited_total", map[string]string{"platform": "telegram", "scope": metrics.ScopeUser}, 94},
		{"cyberdiplo_rate_limited_total", map[string]string{"platform": "telegram", "scope": metrics.ScopeChat}, 0},
		{"cyberdiplo_quiz_rounds_total", tg, 0},
	} {
		if got := counter(t, g, tt.name, tt.labels); got != tt.want {
			t.Errorf("%s%v = %v, want %v", tt.name, tt.labels, got, tt.want)
		}
	}
}

// A chat that chose Indonesian with /lang gets the flood notice in Indonesian first,
// whatever its client's locale: the limiter asks the bot, as the main program wires it.
func TestFloodNoticeHonoursTheChatsLanguage(t *testing.T) {
	base, err := knowledge.Load(os.DirFS("../testdata/facts"))
	if err != nil {
		t.Fatal(err)
	}
	brain := standard.New(base, nil, bot.Options{})
	lim, err := limit.New(limit.Config{UserPerMinute: 1, UserBurst: 1}, limit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	h := bot.Chain(brain, lim.Middleware)
	for _, tc := range []struct {
		name, chat string
		chooseID   bool
		wantFirst  string
	}{
		{"English client, no choice", "c1", false, "Slow down"},
		{"English client, chat chose Indonesian", "c2", true, "Pelan-pelan"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.chooseID {
				if err := brain.Store().UpdateChat(context.Background(), "telegram:"+tc.chat, func(c *bot.Chat) { c.Lang = knowledge.ID }); err != nil {
					t.Fatal(err)
				}
			}
			lim.UseChatLang(brain.ChatLang)
			msg := &bot.Message{Platform: "telegram", ChatID: tc.chat, ChatKind: bot.Private, UserID: tc.chat, Addressed: true, LocaleHint: "en-US", Text: "What is A/70/174?"}
			h.Handle(context.Background(), msg)
			r := h.Handle(context.Background(), msg)
			if r == nil || len(r.Blocks) == 0 || len(r.Blocks[0].Spans) == 0 {
				t.Fatalf("no notice: %+v", r)
			}
			if got := r.Blocks[0].Spans[0].Text; !strings.HasPrefix(got, tc.wantFirst) {
				t.Errorf("notice opens with %q, want %q…", got, tc.wantFirst)
			}
		})
	}
}

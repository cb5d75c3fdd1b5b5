package bot

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"strings"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

func TestTimelineChart(t *testing.T) {
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	b := New(base, nil, shipped(Options{}))
	ask := func(text string) *Reply {
		return b.Handle(context.Background(), &Message{Platform: "test", ChatID: "chart", ChatKind: Private, UserID: "1", Text: text, Addressed: true})
	}
	// Counts and the full range come from the base, which grows with the facts.
	all := base.Timeline(knowledge.TimelineFilter{})
	fullTitle := fmt.Sprintf("Timeline %d–%d", all[0].Year(), all[len(all)-1].Year())
	events1321 := fmt.Sprintf("%d events", len(base.Timeline(knowledge.TimelineFilter{From: 2013, To: 2021})))
	cases := []struct {
		text      string
		image     bool
		lang      knowledge.Lang
		filter    knowledge.TimelineFilter
		button    string
		inText    string
		wantTitle string
	}{
		{"/timeline chart 2013-2021", true, knowledge.EN, knowledge.TimelineFilter{From: 2013, To: 2021}, "/timeline 2013-2021", events1321, "Timeline 2013–2021"},
		{"/linimasa grafik gge", true, knowledge.ID, knowledge.TimelineFilter{Topic: "gge"}, "/linimasa gge", "peristiwa", "Linimasa gge"},
		{"/timeline chart", true, knowledge.EN, knowledge.TimelineFilter{}, "/timeline", "events", fullTitle},
		{"/timeline CHART 2015", true, knowledge.EN, knowledge.TimelineFilter{From: 2015, To: 2015}, "/timeline 2015", "events", "Timeline 2015"},
		{"/timeline chart 1950", false, knowledge.EN, knowledge.TimelineFilter{}, "", "No events", ""},
		{"/timeline chart bogus", false, knowledge.EN, knowledge.TimelineFilter{}, "", "bogus", ""},
	}
	for _, tc := range cases {
		t.Run(tc.text, func(t *testing.T) {
			r := ask(tc.text)
			if r == nil {
				t.Fatal("no reply")
			}
			text := PlainTextWithButtons(r)
			if !strings.Contains(text, tc.inText) {
				t.Errorf("reply lacks %q:\n%s", tc.inText, text)
			}
			if !tc.image {
				if r.Image != nil {
					t.Errorf("a picture for %q", tc.text)
				}
				return
			}
			if r.Image == nil || r.Kind != KindTimeline || r.Lang != tc.lang || r.Title != tc.wantTitle {
				t.Fatalf("kind %v lang %s title %q image %v", r.Kind, r.Lang, r.Title, r.Image != nil)
			}
			cfg, err := png.DecodeConfig(bytes.NewReader(r.Image.Data))
			if err != nil || cfg.Width != r.Image.Width || cfg.Height != r.Image.Height || cfg.Width < 600 {
				t.Errorf("PNG %dx%d (%v), reply says %dx%d", cfg.Width, cfg.Height, err, r.Image.Width, r.Image.Height)
			}
			if r.Image.MIME != "image/png" || !strings.HasSuffix(r.Image.Name, "-"+string(tc.lang)+".png") || r.Image.Alt == "" {
				t.Errorf("image %q %q alt %q", r.Image.Name, r.Image.MIME, r.Image.Alt)
			}
			if r.Timeline == nil || *r.Timeline != tc.filter {
				t.Errorf("timeline filter %+v, want %+v", r.Timeline, tc.filter)
			}
			if len(r.Buttons) != 1 || r.Buttons[0][0].Data != tc.button {
				t.Errorf("buttons %+v, want the list %q", r.Buttons, tc.button)
			}
			if again := ask(tc.text); again.Image == nil || &again.Image.Data[0] != &r.Image.Data[0] {
				t.Error("the same chart was drawn twice: not cached")
			}
		})
	}
}

// TestTimelineListCarriesItsRange: the text timeline tells adapters its range too.
func TestTimelineListCarriesItsRange(t *testing.T) {
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	b := New(base, nil, shipped(Options{}))
	r := b.Handle(context.Background(), &Message{Platform: "test", ChatID: "list", ChatKind: Private, UserID: "1", Text: "/timeline oewg 2019", Addressed: true})
	if r == nil || r.Image != nil || r.Timeline == nil || *r.Timeline != (knowledge.TimelineFilter{From: 2019, To: 2019, Topic: "oewg"}) {
		t.Fatalf("list reply %+v", r)
	}
}

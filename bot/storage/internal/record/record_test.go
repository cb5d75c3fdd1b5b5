package record

import (
	"slices"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// TestChangesNamesOnlyWhatChanged: an update writes the columns its caller changed and
// no other, so it cannot undo another process's write to the rest of the row.
func TestChangesNamesOnlyWhatChanged(t *testing.T) {
	before := bot.Chat{Lang: knowledge.EN, Daily: bot.DailySchedule{Time: "08:00", LastSent: "2026-11-23"}}
	at := time.UnixMilli(1_764_000_000_000)
	for _, tc := range []struct {
		name   string
		change func(*bot.Chat)
		want   []string
	}{
		{"nothing", func(*bot.Chat) {}, nil},
		{"language", func(c *bot.Chat) { c.Lang = knowledge.ID }, []string{"lang"}},
		{"mute", func(c *bot.Chat) { c.Muted = true }, []string{"muted"}},
		{"daily time only", func(c *bot.Chat) { c.Daily.Time = "09:00" }, []string{"daily_time"}},
		{"last answer", func(c *bot.Chat) { c.Last = bot.LastAnswer{FactID: "f", At: at} }, []string{"last_fact_id", "last_at"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			after := before
			tc.change(&after)
			var got []string
			for _, ch := range Changes(before, after) {
				got = append(got, ch.Column)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("columns %v, want %v", got, tc.want)
			}
		})
	}
}

// TestReplayVisitsOldestFirst: updates taken over are answered in the order they came.
func TestReplayVisitsOldestFirst(t *testing.T) {
	var got []int64
	err := Replay([]Held{{ID: 3}, {ID: 1}, {ID: 2}}, func(id int64, _ []byte, _ time.Time) error {
		got = append(got, id)
		return nil
	})
	if err != nil || !slices.Equal(got, []int64{1, 2, 3}) {
		t.Fatalf("visited %v (%v), want 1 2 3", got, err)
	}
}

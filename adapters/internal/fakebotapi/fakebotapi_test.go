package fakebotapi

import (
	"context"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func ids(us []tgbotapi.Update) []int {
	out := []int{}
	for _, u := range us {
		out = append(out, u.UpdateID)
	}
	return out
}

// TestTakeHonoursOffsets: an offset drops what lies below it for good, and a call
// returns at most limit updates from the offset on.
func TestTakeHonoursOffsets(t *testing.T) {
	q := Queue{Pending: []tgbotapi.Update{{UpdateID: 1}, {UpdateID: 2}, {UpdateID: 3}, {UpdateID: 4}}}
	for _, tc := range []struct {
		offset, limit int
		want          []int
	}{
		{0, 100, []int{1, 2, 3, 4}},
		{0, 2, []int{1, 2}},
		{3, 100, []int{3, 4}},
		{0, 100, []int{3, 4}}, // 1 and 2 were confirmed by offset 3
		{5, 100, []int{}},
	} {
		if got := ids(q.Take(tc.offset, tc.limit)); len(got) != len(tc.want) || (len(got) > 0 && got[0] != tc.want[0]) {
			t.Errorf("Take(%d, %d) = %v, want %v", tc.offset, tc.limit, got, tc.want)
		}
	}
	if q.Confirmed != 5 {
		t.Errorf("confirmed %d, want 5", q.Confirmed)
	}
}

// TestLongPollWaitsForAnUpdate: an empty poll waits until a change brings an update, and
// one with nothing to deliver answers empty after its timeout.
func TestLongPollWaitsForAnUpdate(t *testing.T) {
	changed := make(chan struct{})
	calls := 0
	out, ok := LongPoll(context.Background(), 5*time.Second, func() ([]tgbotapi.Update, <-chan struct{}) {
		calls++
		if calls == 1 {
			close(changed)
			return []tgbotapi.Update{}, changed
		}
		return []tgbotapi.Update{{UpdateID: 7}}, changed
	})
	if !ok || len(out) != 1 || out[0].UpdateID != 7 {
		t.Fatalf("got %v %v, want update 7", out, ok)
	}
	start := time.Now()
	out, ok = LongPoll(context.Background(), 50*time.Millisecond, func() ([]tgbotapi.Update, <-chan struct{}) {
		return []tgbotapi.Update{}, nil
	})
	if !ok || len(out) != 0 || time.Since(start) < 50*time.Millisecond {
		t.Fatalf("empty poll: %v %v after %v", out, ok, time.Since(start))
	}
}

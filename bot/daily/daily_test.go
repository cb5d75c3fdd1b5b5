package daily

import (
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot/internal/studyfix"
)

func TestParseDailyTimeAndZone(t *testing.T) {
	times := []struct {
		in, want string
		ok       bool
	}{
		{"08:00", "08:00", true}, {"7:30", "07:30", true}, {"19.45", "19:45", true}, {"23:59", "23:59", true},
		{"24:00", "", false}, {"12:60", "", false}, {"8", "", false}, {"ab:cd", "", false}, {"", "", false}, {"1:2", "", false},
	}
	for _, tt := range times {
		if got, ok := ParseTime(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("ParseTime(%q) = %q %v, want %q %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	zones := []struct {
		in, want string
		ok       bool
	}{
		{"Asia/Jakarta", "Asia/Jakarta", true}, {"asia/jakarta", "Asia/Jakarta", true}, {"WITA", "Asia/Makassar", true},
		{"wit", "Asia/Jayapura", true}, {"UTC", "UTC", true}, {"Europe/Berlin", "Europe/Berlin", true},
		{"Mars/Olympus", "", false}, {"Local", "", false}, {"../../etc/passwd", "", false}, {"", "", false},
	}
	for _, tt := range zones {
		if got, _, ok := ParseZone(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("ParseZone(%q) = %q %v, want %q %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestDailyDue(t *testing.T) {
	jkt := Schedule{Enabled: true, Time: "08:00", Zone: "Asia/Jakarta"} // UTC+7, no DST
	utc := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name     string
		now      string
		sched    Schedule
		wantDate string
		wantDue  bool
	}{
		{"a minute early in Jakarta", "2026-11-24T00:59:00Z", jkt, "2026-11-24", false},
		{"on time in Jakarta", "2026-11-24T01:00:00Z", jkt, "2026-11-24", true},
		{"late the same local day", "2026-11-24T16:59:00Z", jkt, "2026-11-24", true},
		{"after a restart: already sent today", "2026-11-24T05:00:00Z", withLastSent(jkt, "2026-11-24"), "2026-11-24", false},
		{"sent yesterday", "2026-11-24T05:00:00Z", withLastSent(jkt, "2026-11-23"), "2026-11-24", true},
		{"after downtime only today is due", "2026-11-24T05:00:00Z", withLastSent(jkt, "2026-11-20"), "2026-11-24", true},
		{"UTC evening is the next Jakarta day, before 08:00", "2026-11-24T18:00:00Z", withLastSent(jkt, "2026-11-24"), "2026-11-25", false},
		{"Kathmandu +05:45 just after midnight", "2026-11-23T18:20:00Z", Schedule{Enabled: true, Time: "00:05", Zone: "Asia/Kathmandu"}, "2026-11-24", true},
		{"switched off", "2026-11-24T05:00:00Z", Schedule{Time: "08:00", Zone: "Asia/Jakarta"}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			date, due, err := Due(utc(tt.now), tt.sched)
			if err != nil || date != tt.wantDate || due != tt.wantDue {
				t.Fatalf("Due = %q %v %v, want %q %v", date, due, err, tt.wantDate, tt.wantDue)
			}
		})
	}
	if _, _, err := Due(time.Now(), Schedule{Enabled: true, Time: "25:00", Zone: "Asia/Jakarta"}); err == nil {
		t.Error("bad time accepted")
	}
	if _, _, err := Due(time.Now(), Schedule{Enabled: true, Time: "08:00", Zone: "Nowhere/City"}); err == nil {
		t.Error("bad zone accepted")
	}
}

func withLastSent(d Schedule, date string) Schedule {
	d.LastSent = date
	return d
}

// simulate runs the scheduler minute by minute from start for the given duration, as
// the loop would, storing LastSent as ClaimDaily does, and returns the UTC send times.
// down is a window during which the process is not running.
func simulate(t *testing.T, d Schedule, start time.Time, dur time.Duration, downFrom, downTo time.Time) []time.Time {
	t.Helper()
	var sends []time.Time
	for now := start; now.Before(start.Add(dur)); now = now.Add(time.Minute) {
		if !now.Before(downFrom) && now.Before(downTo) {
			continue
		}
		date, due, err := Due(now, d)
		if err != nil {
			t.Fatal(err)
		}
		if due {
			d.LastSent = date
			sends = append(sends, now)
		}
	}
	return sends
}

func TestDailySimulation(t *testing.T) {
	never := time.Time{}
	t.Run("Jakarta: once a day at 08:00 WIB", func(t *testing.T) {
		start := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
		sends := simulate(t, Schedule{Enabled: true, Time: "08:00", Zone: "Asia/Jakarta"}, start, 5*24*time.Hour, never, never)
		if len(sends) != 5 {
			t.Fatalf("%d sends in 5 days: %v", len(sends), sends)
		}
		for _, s := range sends {
			if s.Hour() != 1 || s.Minute() != 0 { // 08:00 WIB = 01:00 UTC
				t.Fatalf("sent at %v UTC, want 01:00", s)
			}
		}
	})
	t.Run("New York across the DST change: 08:00 local every day", func(t *testing.T) {
		ny, _ := time.LoadLocation("America/New_York")
		start := time.Date(2026, 3, 5, 0, 0, 0, 0, ny) // DST starts 2026-03-08
		sends := simulate(t, Schedule{Enabled: true, Time: "08:00", Zone: "America/New_York"}, start, 7*24*time.Hour, never, never)
		if len(sends) != 7 {
			t.Fatalf("%d sends in 7 days: %v", len(sends), sends)
		}
		seen := map[string]bool{}
		for _, s := range sends {
			l := s.In(ny)
			if l.Hour() != 8 || l.Minute() != 0 || seen[l.Format(time.DateOnly)] {
				t.Fatalf("send at %v local (twice a day or off time)", l)
			}
			seen[l.Format(time.DateOnly)] = true
		}
	})
	t.Run("New York: a time skipped by DST is still sent once that day", func(t *testing.T) {
		ny, _ := time.LoadLocation("America/New_York")
		start := time.Date(2026, 3, 8, 0, 0, 0, 0, ny)
		sends := simulate(t, Schedule{Enabled: true, Time: "02:30", Zone: "America/New_York"}, start, 24*time.Hour, never, never)
		if len(sends) != 1 || sends[0].Sub(time.Date(2026, 3, 8, 7, 30, 0, 0, time.UTC)).Abs() > time.Hour {
			t.Fatalf("sends %v", sends)
		}
	})
	t.Run("restart after the send: no second send that day", func(t *testing.T) {
		d := Schedule{Enabled: true, Time: "08:00", Zone: "Asia/Jakarta"}
		start := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
		first := simulate(t, d, start, 3*time.Hour, never, never)
		d.LastSent = "2026-11-24" // what the store kept across the restart
		second := simulate(t, d, start.Add(3*time.Hour), 10*time.Hour, never, never)
		if len(first) != 1 || len(second) != 0 {
			t.Fatalf("before restart %v, after %v", first, second)
		}
	})
	t.Run("three days down: one send at restart, none replayed", func(t *testing.T) {
		start := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
		downFrom, downTo := start.Add(12*time.Hour), start.Add(4*24*time.Hour+5*time.Hour) // back on 24 Nov, 12:00 WIB
		sends := simulate(t, Schedule{Enabled: true, Time: "08:00", Zone: "Asia/Jakarta"}, start, 5*24*time.Hour, downFrom, downTo)
		// 20 Nov at 08:00, 24 Nov at restart (12:00 WIB), nothing for 21–23 Nov.
		if len(sends) != 2 || !sends[1].Equal(downTo) {
			t.Fatalf("sends %v", sends)
		}
	})
}

func TestNextDaily(t *testing.T) {
	d := Schedule{Enabled: true, Time: "08:00", Zone: "Asia/Jakarta"}
	jkt, _ := time.LoadLocation("Asia/Jakarta")
	before := time.Date(2026, 11, 24, 7, 0, 0, 0, jkt)
	after := time.Date(2026, 11, 24, 9, 0, 0, 0, jkt)
	if n, _ := Next(before, d); !n.Equal(time.Date(2026, 11, 24, 8, 0, 0, 0, jkt)) {
		t.Errorf("before 08:00: next %v", n)
	}
	if n, _ := Next(after, d); !n.Equal(time.Date(2026, 11, 25, 8, 0, 0, 0, jkt)) {
		t.Errorf("after 08:00: next %v", n)
	}
	if n, _ := Next(before, withLastSent(d, "2026-11-24")); !n.Equal(time.Date(2026, 11, 25, 8, 0, 0, 0, jkt)) {
		t.Errorf("already sent today: next %v", n)
	}
}

func TestPickDailyFact(t *testing.T) {
	base := studyfix.Base(t)
	// 22 July: the 2015 GGE report is "on this day".
	f, otd := PickFact(base, "test:c", "2026-07-22", nil)
	if f == nil || f.ID != "gge-2015-report" || !otd {
		t.Fatalf("22 July: %v %v", f, otd)
	}
	// An anniversary already sent is sent again the next year: it is still that day.
	if f, otd := PickFact(base, "test:c", "2027-07-22", map[string]bool{"gge-2015-report": true}); f.ID != "gge-2015-report" || !otd {
		t.Fatalf("22 July again: %v %v", f.ID, otd)
	}
	// No anniversary: a fact never sent to this chat.
	sent := map[string]bool{}
	for i := 0; i < base.Len(); i++ {
		f, otd := PickFact(base, "test:c", "2026-11-24", sent)
		if otd || f == nil || sent[f.ID] {
			t.Fatalf("day %d: %v (on this day %v) already sent or none", i, f, otd)
		}
		sent[f.ID] = true
	}
	// Everything sent: still a fact, not nothing.
	if f, _ := PickFact(base, "test:c", "2026-11-24", sent); f == nil {
		t.Fatal("no fact once all were sent")
	}
	// Stable for a chat and a day.
	a, _ := PickFact(base, "test:c", "2026-11-24", nil)
	b, _ := PickFact(base, "test:c", "2026-11-24", nil)
	if a.ID != b.ID {
		t.Fatalf("unstable pick: %s vs %s", a.ID, b.ID)
	}
}

// Package daily decides when a chat gets its daily fact and which fact it gets. It is
// pure: the clock and the chat's stored schedule come in, so it is tested with a fake
// clock. The bot keeps the schedule in the chat's record and sends the fact.
package daily

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// Default schedule: the time and zone /daily on uses when none is given.
const (
	DefaultTime = "08:00"
	DefaultZone = "Asia/Jakarta"
)

// Schedule is a chat's daily-fact setting.
type Schedule struct {
	Enabled bool
	Time    string // "HH:MM" local time
	Zone    string // IANA time zone
	// Lang is the language /daily was switched on in, used unless the chat chose one.
	Lang knowledge.Lang
	// LastSent is the local date ("2006-01-02") of the last fact sent, so a restart
	// never sends twice on one day.
	LastSent string
}

// ParseTime checks "HH:MM" (also "H:MM" and "HH.MM", as Indonesians often write)
// and returns it normalised.
func ParseTime(s string) (string, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ".", ":")
	h, m, ok := strings.Cut(s, ":")
	if !ok || len(h) == 0 || len(h) > 2 || len(m) != 2 {
		return "", false
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return "", false
	}
	return fmt.Sprintf("%02d:%02d", hh, mm), true
}

// zoneAliases are the Indonesian zone names users type; everything else must be IANA.
var zoneAliases = map[string]string{
	"wib":  "Asia/Jakarta",
	"wita": "Asia/Makassar",
	"wit":  "Asia/Jayapura",
	"utc":  "UTC",
	"gmt":  "UTC",
}

// ParseZone accepts an IANA zone name ("Asia/Jakarta", case-insensitive for the
// common spellings) or WIB/WITA/WIT, and returns the canonical name.
func ParseZone(s string) (string, *time.Location, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 || strings.Contains(s, "..") {
		return "", nil, false
	}
	if z, ok := zoneAliases[strings.ToLower(s)]; ok {
		s = z
	}
	loc, err := time.LoadLocation(s)
	if err != nil || s == "Local" {
		// Users often type the zone in lower case ("asia/jakarta").
		parts := strings.Split(s, "/")
		for i, p := range parts {
			if p != "" {
				parts[i] = strings.ToUpper(p[:1]) + strings.ToLower(p[1:])
			}
		}
		s = strings.Join(parts, "/")
		if loc, err = time.LoadLocation(s); err != nil || s == "Local" {
			return "", nil, false
		}
	}
	return s, loc, true
}

// slotOf is the moment of the daily send on the local day of now, and that day.
func slotOf(now time.Time, d Schedule) (slot time.Time, localDate string, err error) {
	hhmm, ok := ParseTime(d.Time)
	if !ok {
		return time.Time{}, "", fmt.Errorf("bad daily time %q", d.Time)
	}
	_, loc, ok := ParseZone(d.Zone)
	if !ok {
		return time.Time{}, "", fmt.Errorf("bad daily time zone %q", d.Zone)
	}
	local := now.In(loc)
	hh, _ := strconv.Atoi(hhmm[:2])
	mm, _ := strconv.Atoi(hhmm[3:])
	// For a wall time a DST change skips, time.Date picks one of the two offsets: that
	// day the send moves by an hour, and still happens once.
	slot = time.Date(local.Year(), local.Month(), local.Day(), hh, mm, 0, 0, loc)
	return slot, local.Format(time.DateOnly), nil
}

// Due reports whether the chat's daily fact should go out now, and for which
// local date. Only today's fact is ever due: after downtime the missed days are
// skipped, never replayed, and a fact already sent today (LastSent) is never sent again.
func Due(now time.Time, d Schedule) (localDate string, due bool, err error) {
	if !d.Enabled {
		return "", false, nil
	}
	slot, today, err := slotOf(now, d)
	if err != nil {
		return "", false, err
	}
	if now.Before(slot) || d.LastSent >= today {
		return today, false, nil
	}
	return today, true, nil
}

// Start is a schedule just switched on or changed, as of now: when today's time
// has already passed, the first fact goes out tomorrow, as the /daily confirmation
// says, instead of at once. (A fact already sent today stays the only one today.)
func Start(now time.Time, d Schedule) Schedule {
	slot, today, err := slotOf(now, d)
	if err == nil && !now.Before(slot) && d.LastSent < today {
		d.LastSent = today
	}
	return d
}

// Next is when the next daily fact will go out, for the /daily confirmation.
func Next(now time.Time, d Schedule) (time.Time, error) {
	slot, today, err := slotOf(now, d)
	if err != nil {
		return time.Time{}, err
	}
	if !now.Before(slot) || d.LastSent >= today {
		// Tomorrow at the same wall-clock time (AddDate keeps it across DST changes).
		slot = time.Date(slot.Year(), slot.Month(), slot.Day()+1, slot.Hour(), slot.Minute(), 0, 0, slot.Location())
	}
	return slot, nil
}

// PickFact chooses the chat's fact for localDate ("2006-01-02"): an "on this day"
// timeline event (same month and day) when there is one, preferring one not sent to
// this chat; otherwise a fact not sent to this chat before, or any fact once all have
// been sent. The choice is stable for a chat and a day, so a retry picks the same fact.
func PickFact(base *knowledge.Base, chatKey, localDate string, sent map[string]bool) (f *knowledge.Fact, onThisDay bool) {
	if base == nil || base.Len() == 0 || len(localDate) != 10 {
		return nil, false
	}
	monthDay := localDate[4:] // "-11-24"
	var anniversaries, fresh []*knowledge.Fact
	for _, fact := range base.Timeline(knowledge.TimelineFilter{}) {
		if len(fact.Date) == 10 && fact.Date[4:] == monthDay {
			anniversaries = append(anniversaries, fact)
		}
	}
	rng := dayRand(chatKey, localDate)
	if len(anniversaries) > 0 {
		for _, a := range anniversaries {
			if !sent[a.ID] {
				fresh = append(fresh, a)
			}
		}
		if len(fresh) > 0 {
			return fresh[rng.IntN(len(fresh))], true
		}
		return anniversaries[rng.IntN(len(anniversaries))], true
	}
	all := base.Facts()
	for _, fact := range all {
		if !sent[fact.ID] {
			fresh = append(fresh, fact)
		}
	}
	if len(fresh) == 0 {
		fresh = all
	}
	return fresh[rng.IntN(len(fresh))], false
}

// dayRand is a random source seeded by chat and day.
func dayRand(chatKey, localDate string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(chatKey))
	h.Write([]byte{0})
	h.Write([]byte(localDate))
	return rand.New(rand.NewPCG(h.Sum64(), 0x6461696c79))
}

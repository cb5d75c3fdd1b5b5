package telegram

import (
	"sync"
	"time"
)

// pacer spaces outgoing messages to stay inside Telegram's per-chat limits: about one
// message per second in a chat, 20 per minute in a group (the overall 30 per second is
// fairGate's). Each limit is a token bucket kept as a theoretical arrival time (GCRA), so a
// reservation is O(1) and needs no timer; the caller sleeps for the returned delay.
type pacer struct {
	mu      sync.Mutex
	chat    time.Duration // spacing between messages in one chat
	group   time.Duration // spacing between messages in one group
	burst   int           // messages allowed back to back in one chat before spacing applies
	chats   map[int64]time.Time
	groups  map[int64]time.Time
	reserve int // reservations since the last pruning of idle chats
}

func newPacer(perChatPerSecond float64, groupPerMinute, burst int) *pacer {
	every := func(per time.Duration, n float64) time.Duration {
		if n <= 0 {
			return 0
		}
		return time.Duration(float64(per) / n)
	}
	if burst < 1 {
		burst = 1
	}
	return &pacer{
		chat:   every(time.Second, perChatPerSecond),
		group:  every(time.Minute, float64(groupPerMinute)),
		burst:  burst,
		chats:  map[int64]time.Time{},
		groups: map[int64]time.Time{},
	}
}

// reserveAt books the next slot for a message to chatID at or after now and returns how long
// to wait for it. The chat's and the group's buckets are booked together. A slot further away
// than maxWait is not booked (ok is false): the reply will be dropped, and a booked but unused
// slot would push every later reply back, so under a burst one stale reply would make the
// next ones stale too.
//
// The overall rate is not booked here: a slot a minute ahead for one busy group would hold
// every other chat back a minute. Callers wait at fairGate once the chat's wait is over.
func (p *pacer) reserveAt(now time.Time, chatID int64, isGroup bool, maxWait time.Duration) (wait time.Duration, ok bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.reserve++
	if p.reserve >= 1024 {
		p.prune(now)
	}
	at := now
	later := func(t time.Time) {
		if t.After(at) {
			at = t
		}
	}
	later(earliest(now, p.chats[chatID], p.chat, p.burst))
	if isGroup {
		later(earliest(now, p.groups[chatID], p.group, p.burst))
	}
	if at.Sub(now) > maxWait {
		return at.Sub(now), false
	}
	if p.chat > 0 {
		p.chats[chatID] = book(p.chats[chatID], at, p.chat)
	}
	if isGroup && p.group > 0 {
		p.groups[chatID] = book(p.groups[chatID], at, p.group)
	}
	return at.Sub(now), true
}

// earliest is when a bucket with theoretical arrival time tat lets the next message through.
func earliest(now, tat time.Time, every time.Duration, burst int) time.Time {
	if every <= 0 {
		return now
	}
	return tat.Add(-time.Duration(burst-1) * every)
}

// book records a message sent at at.
func book(tat, at time.Time, every time.Duration) time.Time {
	if tat.Before(at) {
		tat = at
	}
	return tat.Add(every)
}

// delay pushes a chat's next slot back, after Telegram said to wait (429 retry_after).
func (p *pacer) delay(now time.Time, chatID int64, wait time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	// The bucket's burst allowance must not let messages through before the wait is over.
	if t := now.Add(wait + time.Duration(p.burst-1)*p.chat); p.chats[chatID].Before(t) {
		p.chats[chatID] = t
	}
}

// prune forgets chats whose buckets are full again; it keeps the maps from growing with every
// chat the bot ever talked to.
func (p *pacer) prune(now time.Time) {
	p.reserve = 0
	for id, tat := range p.chats {
		if !tat.After(now) {
			delete(p.chats, id)
		}
	}
	for id, tat := range p.groups {
		if !tat.After(now) {
			delete(p.groups, id)
		}
	}
}

package telegram

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// allowedUpdates are the update kinds the bot asks for. Edits are not among them (answering
// an edit would answer twice); should one arrive anyway, it is skipped.
var allowedUpdates = []string{
	tgbotapi.UpdateTypeMessage, tgbotapi.UpdateTypeChannelPost,
	tgbotapi.UpdateTypeCallbackQuery, tgbotapi.UpdateTypeInlineQuery,
	tgbotapi.UpdateTypePollAnswer, // answers to the bot's quiz polls
}

// runPolling is the adapter's own long-polling loop (the library's GetUpdatesChan has no
// context, sleeps a fixed 3 s after any error and logs the token-bearing error text).
//
// The offset sent to Telegram is the oldest update not yet finished (answered, or skipped on
// purpose), so Telegram forgets an update only once it is done. While updates are in flight
// the loop polls without waiting every busyPoll (Telegram returns the unfinished ones again;
// they are skipped), so new updates keep flowing while a slow reply is paced; once nothing is
// in flight it long-polls again. On a stop it lets the in-flight updates finish and confirms the
// offset once more, so a restart neither answers an update twice nor loses one.
func (a *Adapter) runPolling(ctx, work context.Context, d *dispatcher) error {
	if err := a.ensureNoWebhook(ctx); err != nil {
		return err
	}
	a.markReady()
	tr := newTracker()
	defer a.finishPolling(work, tr)
	var bo backoff
	conflictLogged := false
	for ctx.Err() == nil {
		inFlight, changed := tr.busy()
		if inFlight >= maxInFlight {
			// Telegram returns at most 100 updates a call, oldest first: with this many
			// unfinished, a call could bring nothing new. Wait for some to finish.
			select {
			case <-changed:
			case <-ctx.Done():
			}
			continue
		}
		timeout := int(a.cfg.PollTimeout / time.Second)
		if inFlight > 0 {
			timeout = 0
		}
		updates, err := a.apiWith(ctx, a.pollHTTP).GetUpdates(tgbotapi.UpdateConfig{
			Offset: tr.offset(), Limit: 100, Timeout: timeout, AllowedUpdates: allowedUpdates,
		})
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			a.pollFailed()
			wait := bo.next()
			switch classify(err) {
			case classUnauthorized:
				return fmt.Errorf("telegram: token rejected while polling: %w", a.red.wrap(err))
			case classFlood:
				e, _ := apiError(err)
				wait = time.Duration(max(e.RetryAfter, 1)) * time.Second
				a.log.Warn("getUpdates flood limit; waiting", "retry_after", wait)
			case classConflict:
				if !conflictLogged {
					a.log.Error("another instance is polling with this token, or a webhook is set; backing off",
						"err", a.red.wrap(err))
					conflictLogged = true
				}
				if strings.Contains(strings.ToLower(err.Error()), "webhook") {
					_ = a.ensureNoWebhook(ctx)
				}
			default:
				a.log.Warn("getUpdates failed; retrying", "err", a.red.wrap(err), "retry_in", wait.Round(time.Millisecond))
			}
			if a.sleep(ctx, wait) != nil {
				break
			}
			continue
		}
		bo.reset()
		a.pollWorked()
		if conflictLogged {
			a.log.Info("polling again")
			conflictLogged = false
		}
		if a.dispatch(work, d, tr, updates) > 0 || inFlight > 0 {
			// Each call while busy fetches the unfinished updates again, so look for new ones
			// only every busyPoll, or at once when everything is finished.
			t := time.NewTimer(busyPoll)
			select {
			case <-tr.idleCh():
			case <-t.C:
			case <-ctx.Done():
			}
			t.Stop()
		}
	}
	return nil
}

const (
	// maxInFlight bounds the updates taken but not finished (getUpdates' own limit).
	maxInFlight = 100
	// busyPoll is how often the loop looks for new updates while others are in flight.
	busyPoll = 250 * time.Millisecond
)

// dispatch hands new updates to the workers, in update order, and returns how many were new.
func (a *Adapter) dispatch(work context.Context, d *dispatcher, tr *tracker, updates []tgbotapi.Update) int {
	slices.SortFunc(updates, func(x, y tgbotapi.Update) int { return x.UpdateID - y.UpdateID })
	arrived := a.now()
	fresh := 0
	for _, u := range updates {
		if !tr.take(u.UpdateID) {
			continue
		}
		fresh++
		id := u.UpdateID
		j := job{update: u, arrived: arrived, done: func(handled bool) { tr.finish(id, handled) }}
		if !d.submit(work, j) {
			tr.finish(id, false)
		}
	}
	return fresh
}

// finishPolling waits for the updates in flight (the shutdown timeout bounds this by
// cancelling work) and confirms the offset.
func (a *Adapter) finishPolling(work context.Context, tr *tracker) {
	for {
		n, changed := tr.busy()
		if n == 0 {
			break
		}
		<-changed
	}
	if n := tr.abandonedCount(); n > 0 {
		a.log.Warn("shutdown left updates unanswered; they will be delivered again after a restart",
			"count", n, "offset", tr.offset())
	}
	a.commitOffset(work, tr.offset())
}

// commitOffset tells Telegram which updates are done: getUpdates with the offset confirms
// everything below it. limit=1 and timeout=0 make it return at once; whatever it returns
// is at or above the offset, so stays unconfirmed for the next run.
func (a *Adapter) commitOffset(ctx context.Context, offset int) {
	if offset == 0 {
		return
	}
	// This call must happen even when the shutdown timeout already cancelled the replies'
	// context, so it gets a short context of its own.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), min(a.cfg.RequestTimeout, 5*time.Second))
	defer cancel()
	if _, err := a.api(ctx).GetUpdates(tgbotapi.UpdateConfig{Offset: offset, Limit: 1}); err != nil {
		a.log.Warn("cannot confirm handled updates; the last ones may be answered again after a restart",
			"offset", offset, "err", a.red.wrap(err))
	}
}

// ensureNoWebhook removes a webhook left by webhook mode: getUpdates fails while one is set.
func (a *Adapter) ensureNoWebhook(ctx context.Context) error {
	var bo backoff
	for {
		info, err := a.api(ctx).GetWebhookInfo()
		if err == nil && !info.IsSet() {
			return nil
		}
		if err == nil {
			a.log.Info("switching to polling: deleting the webhook", "webhook_host", hostOf(info.URL))
			_, err = a.api(ctx).Request(tgbotapi.DeleteWebhookConfig{})
			if err == nil {
				return nil
			}
		}
		switch classify(err) {
		case classUnauthorized:
			return fmt.Errorf("telegram: token rejected: %w", a.red.wrap(err))
		case classCanceled:
			return nil
		}
		wait := bo.next()
		a.log.Warn("cannot check or delete the webhook; retrying", "err", a.red.wrap(err), "retry_in", wait.Round(time.Millisecond))
		if err := a.sleep(ctx, wait); err != nil {
			if errors.Is(err, context.Canceled) {
				return nil
			}
			return err
		}
	}
}

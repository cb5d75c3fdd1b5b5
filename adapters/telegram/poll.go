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
// Each update is kept in the inbox before the next call confirms it to Telegram, and leaves
// the inbox once its reply is delivered. Completion is thus tracked per update, not by the
// oldest unfinished offset: the loop keeps reading while a busy group's replies wait for
// their pace, so one chat's pacing never delays another's. On a stop the updates still in
// flight stay in the inbox and are answered at the next start; those finished are not
// answered again, since the inbox recognises Telegram's redeliveries.
func (a *Adapter) runPolling(ctx, work context.Context, d *dispatcher) error {
	if a.leader == nil {
		if err := a.ensureNoWebhook(ctx); err != nil {
			return err
		}
		if ctx.Err() != nil {
			return nil
		}
		// getMe and deleteWebhook answered: the bot is reachable and polling starts now.
		a.pollWorked()
	} else {
		// getMe answered; whether this replica polls depends on the lease, and a standby
		// replica is ready all the same.
		a.health.standby.Store(true)
	}
	a.markReady()
	tr := newTracker()
	offset := 0
	defer func() { a.finishPolling(work, tr, offset) }()
	a.replay(work, d, tr)
	stopSweep := a.startSweep(ctx, d, tr)
	defer stopSweep()
	if a.leader == nil {
		return a.pollLoop(ctx, work, d, tr, &offset)
	}
	return a.leadAndPoll(ctx, work, d, tr)
}

// leadAndPoll polls while this replica holds the polling lease, and waits for it
// otherwise. Hand-over loses nothing and answers nothing twice: a leader that stops
// confirms its offset before it releases the lease (so two getUpdates never overlap), and
// the next leader starts from Telegram's confirmed offset, where the inbox drops whatever
// was already taken. A leader that dies confirms nothing: the next one reads its updates
// again, and the inbox sweep answers those it had taken.
func (a *Adapter) leadAndPoll(ctx, work context.Context, d *dispatcher, tr *tracker) error {
	bo := newBackoff()
	for ctx.Err() == nil {
		a.health.standby.Store(true)
		a.health.connected.Store(false)
		held, release, err := a.leader.Lead(ctx, a.pollLease())
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			wait := bo.Next()
			a.log.Warn("cannot take the polling lease; retrying", "err", a.red.Error(err), "retry_in", wait.Round(time.Millisecond))
			if a.sleep(ctx, wait) != nil {
				break
			}
			continue
		}
		bo.Reset()
		a.health.standby.Store(false)
		a.log.Info("holding the polling lease: polling Telegram")
		// Poll until the stop or the loss of the lease, whichever comes first.
		leading, endLeading := context.WithCancel(ctx)
		stopWatch := context.AfterFunc(held, endLeading)
		offset := 0 // from Telegram's confirmed offset: the inbox drops what was taken
		err = a.ensureNoWebhook(leading)
		if err == nil && leading.Err() == nil {
			a.pollWorked()
			err = a.pollLoop(leading, work, d, tr, &offset)
		}
		stopWatch()
		endLeading()
		lost := ctx.Err() == nil && held.Err() != nil
		if !lost {
			// A stop: confirm before another replica may poll.
			a.commitOffset(work, offset)
		}
		release()
		if err != nil {
			return err
		}
		if lost {
			a.log.Warn("lost the polling lease; standing by")
		}
	}
	a.health.standby.Store(false)
	return nil
}

// pollLoop calls getUpdates until ctx ends, handing updates to the workers and keeping
// *offset at the next update to confirm.
func (a *Adapter) pollLoop(ctx, work context.Context, d *dispatcher, tr *tracker, offset *int) error {
	bo := newBackoff()
	conflictLogged := false
	failed := false
	for ctx.Err() == nil {
		if n, changed := tr.busy(); n >= maxInFlight {
			// A backlog after downtime is read as fast as it is answered, not all into
			// memory at once: the rest waits at Telegram.
			select {
			case <-changed:
			case <-ctx.Done():
			}
			continue
		}
		timeout := int(a.cfg.PollTimeout / time.Second)
		if failed {
			// Right after a failure, a call that answers at once shows the Bot API is back:
			// a quiet bot would otherwise stay unready for a whole long poll.
			timeout = 0
		}
		updates, err := a.apiWith(ctx, a.pollHTTP).GetUpdates(tgbotapi.UpdateConfig{
			Offset: *offset, Limit: 100, Timeout: timeout, AllowedUpdates: allowedUpdates,
		})
		failed = err != nil
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			a.pollFailed()
			wait := bo.Next()
			switch classify(err) {
			case classUnauthorized:
				return fmt.Errorf("telegram: token rejected while polling: %w", a.red.Error(err))
			case classFlood:
				e, _ := apiError(err)
				wait = time.Duration(max(e.RetryAfter, 1)) * time.Second
				a.log.Warn("getUpdates flood limit; waiting", "retry_after", wait)
			case classConflict:
				if !conflictLogged {
					a.log.Error("another instance is polling with this token, or a webhook is set; backing off",
						"err", a.red.Error(err))
					conflictLogged = true
				}
				if strings.Contains(strings.ToLower(err.Error()), "webhook") {
					_ = a.ensureNoWebhook(ctx)
				}
			default:
				a.log.Warn("getUpdates failed; retrying", "err", a.red.Error(err), "retry_in", wait.Round(time.Millisecond))
			}
			if a.sleep(ctx, wait) != nil {
				break
			}
			continue
		}
		bo.Reset()
		a.pollWorked()
		if conflictLogged {
			a.log.Info("polling again")
			conflictLogged = false
		}
		*offset = a.dispatch(work, d, tr, updates, *offset)
	}
	return nil
}

// maxInFlight bounds the updates taken and not finished (a batch may pass it by up to 99).
// It is far above what Telegram's pacing lets out in max_reply_age (30 a second for a
// minute), so it never holds back a live flood, only a backlog that would be dropped anyway.
const maxInFlight = 4096

// dispatch keeps new updates in the inbox and hands them to the workers, in update order.
// It returns the next offset, which confirms them all to Telegram at the next call.
func (a *Adapter) dispatch(work context.Context, d *dispatcher, tr *tracker, updates []tgbotapi.Update, offset int) int {
	slices.SortFunc(updates, func(x, y tgbotapi.Update) int { return x.UpdateID - y.UpdateID })
	arrived := a.now()
	for _, u := range updates {
		offset = max(offset, u.UpdateID+1)
		if !a.hold(work, &u, arrived) {
			continue // taken before: replayed from the inbox, or already answered
		}
		tr.take()
		fin := a.finished(u.UpdateID)
		j := job{update: u, arrived: arrived, done: func(handled bool) {
			fin(handled)
			tr.finish(handled)
		}}
		if !d.submit(work, j) {
			j.finish(false)
		}
	}
	return offset
}

// finishPolling waits for the updates in flight (the shutdown timeout bounds this by
// cancelling work) and confirms the offset.
func (a *Adapter) finishPolling(work context.Context, tr *tracker, offset int) {
	for {
		n, changed := tr.busy()
		if n == 0 {
			break
		}
		<-changed
	}
	if n := tr.abandonedCount(); n > 0 {
		if a.durable {
			a.log.Warn("shutdown left updates unanswered; they are kept and answered at the next start", "count", n)
		} else {
			a.log.Warn("shutdown left updates unanswered; with chat state in memory they are lost", "count", n)
		}
	}
	a.commitOffset(work, offset)
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
			"offset", offset, "err", a.red.Error(err))
	}
}

// ensureNoWebhook removes a webhook left by webhook mode: getUpdates fails while one is set.
func (a *Adapter) ensureNoWebhook(ctx context.Context) error {
	bo := newBackoff()
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
			return fmt.Errorf("telegram: token rejected: %w", a.red.Error(err))
		case classCanceled:
			return nil
		}
		wait := bo.Next()
		a.log.Warn("cannot check or delete the webhook; retrying", "err", a.red.Error(err), "retry_in", wait.Round(time.Millisecond))
		if err := a.sleep(ctx, wait); err != nil {
			if errors.Is(err, context.Canceled) {
				return nil
			}
			return err
		}
	}
}

package study

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// optionButtons returns the answer buttons' data of a quiz reply.
func optionButtons(t *testing.T, r *bot.Reply) []string {
	t.Helper()
	var out []string
	for _, d := range buttonData(r) {
		if len(d) > bot.MaxButtonData {
			t.Fatalf("button data %q is %d bytes, over Telegram's 64", d, len(d))
		}
		if strings.HasPrefix(d, "/quiz answer ") {
			out = append(out, d)
		}
	}
	return out
}

// correctOption finds the right option by asking the store, as a reveal would.
func correctOption(t *testing.T, b *studyBot, data string) (round int64, correct int) {
	t.Helper()
	var opt int
	if _, err := fmt.Sscanf(data, "/quiz answer %d %d", &round, &opt); err != nil {
		t.Fatal(err)
	}
	r, err := b.store.QuizRound(context.Background(), round)
	if err != nil {
		t.Fatal(err)
	}
	return round, r.Correct
}

func TestQuizPrivate(t *testing.T) {
	b, _ := newStudyBot(t, nil)
	q := send(t, b, privateMsg("p1", "/kuis"))
	if q == nil || q.Lang != knowledge.ID || q.Title != "Kuis" {
		t.Fatalf("/kuis: %#v", q)
	}
	opts := optionButtons(t, q)
	if len(opts) != knowledge.QuizOptions {
		t.Fatalf("%d answer buttons, want 4: %v", len(opts), buttonData(q))
	}
	if slices.ContainsFunc(buttonData(q), func(d string) bool { return strings.HasPrefix(d, "/quiz reveal") }) {
		t.Error("a private chat needs no reveal button")
	}
	round, correct := correctOption(t, b, opts[0])
	r, _ := b.store.QuizRound(context.Background(), round)
	f, ok := b.Base().Get(r.FactID)
	if !ok {
		t.Fatalf("round about unknown fact %q", r.FactID)
	}
	// A wrong answer: revealed at once with the right option and the fact's source.
	wrong := (correct + 1) % 4
	m := privateMsg("p1", fmt.Sprintf("/quiz answer %d %d", round, wrong))
	m.Action = true
	rev := send(t, b, m)
	text := bot.PlainText(rev)
	if rev == nil || rev.Kind != bot.KindAnswer || !strings.Contains(text, "Belum tepat") ||
		!strings.Contains(text, "Jawaban benar: "+optionLetters[correct]+". "+r.Options[correct]) || !strings.Contains(text, f.AnswerID) {
		t.Fatalf("reveal after a wrong answer:\n%s", text)
	}
	if len(rev.Sources) != 1 || rev.Sources[0] != f.Sources[0] {
		t.Fatalf("reveal sources %v, want the fact's first source", rev.Sources)
	}
	// The round is closed: a second click does not change the score.
	m2 := privateMsg("p1", fmt.Sprintf("/quiz answer %d %d", round, correct))
	m2.Action = true
	send(t, b, m2)
	if st := bot.PlainText(send(t, b, privateMsg("p1", "/mystats"))); !strings.Contains(st, "0 of 1 correct") {
		t.Fatalf("/mystats after one wrong answer: %s", st)
	}
}

func TestQuizGroupRound(t *testing.T) {
	b, _ := newStudyBot(t, nil)
	q := send(t, b, groupMsg("g", "ana", "/quiz"))
	opts := optionButtons(t, q)
	round, correct := correctOption(t, b, opts[0])
	click := func(user string, opt int) *bot.Reply {
		m := groupMsg("g", user, fmt.Sprintf("/quiz answer %d %d", round, opt))
		m.Action = true
		return send(t, b, m)
	}
	r := click("ana", correct)
	if r == nil || !strings.Contains(bot.PlainText(r), "Answered: name-ana") || strings.Contains(bot.PlainText(r), "Correct answer") {
		t.Fatalf("after the first click (no reveal yet):\n%s", bot.PlainText(r))
	}
	if r := click("ana", (correct+1)%4); r != nil {
		t.Fatalf("a second click by the same user changed the message: %s", bot.PlainText(r))
	}
	click("budi", (correct+1)%4)
	// Someone who has not answered cannot reveal; the message says why.
	rm := groupMsg("g", "citra", fmt.Sprintf("/quiz reveal %d", round))
	rm.Action = true
	if r := send(t, b, rm); r == nil || r.Kind == bot.KindAnswer || !strings.Contains(bot.PlainText(r), "Answer first") {
		t.Fatalf("reveal by a bystander: %#v", r)
	}
	rm.UserID = "ana"
	rev := send(t, b, rm)
	text := bot.PlainText(rev)
	if rev == nil || rev.Kind != bot.KindAnswer || !strings.Contains(text, "Right: name-ana") || !strings.Contains(text, "Not quite: name-budi") {
		t.Fatalf("reveal:\n%s", text)
	}
	if len(rev.Sources) != 1 {
		t.Fatal("reveal without its source")
	}
	if r := click("dewi", correct); r == nil || !strings.Contains(bot.PlainText(r), "Correct answer") {
		t.Fatal("a click after the reveal must show the reveal, not count")
	}
	board := bot.PlainText(send(t, b, groupMsg("g", "x", "/peringkat")))
	if !strings.Contains(board, "1. name-ana — 1 dari 1 benar") || !strings.Contains(board, "2. name-budi — 0 dari 1 benar") || strings.Contains(board, "dewi") {
		t.Fatalf("leaderboard:\n%s", board)
	}
	if st := bot.PlainText(send(t, b, groupMsg("g", "budi", "/mystats"))); !strings.Contains(st, "rank 2 of 2") {
		t.Fatalf("/mystats: %s", st)
	}
	// Another chat has its own board, and cannot answer this chat's round.
	other := groupMsg("g2", "eko", fmt.Sprintf("/quiz answer %d %d", round, correct))
	other.Action = true
	if r := send(t, b, other); r == nil || !strings.Contains(bot.PlainText(r), "no longer available") {
		t.Fatalf("cross-chat answer: %#v", r)
	}
	if r := send(t, b, groupMsg("g2", "eko", "/leaderboard")); !strings.Contains(bot.PlainText(r), "No quiz answers") {
		t.Fatalf("board leaked across chats: %s", bot.PlainText(r))
	}
}

func TestLeaderboardTopTen(t *testing.T) {
	b, _ := newStudyBot(t, nil)
	for i := 0; i < 12; i++ {
		q := send(t, b, groupMsg("g", "host", "/quiz"))
		round, correct := correctOption(t, b, optionButtons(t, q)[0])
		for u := 0; u <= i && u < 12; u++ {
			m := groupMsg("g", fmt.Sprintf("p%02d", u), fmt.Sprintf("/quiz answer %d %d", round, correct))
			m.Action = true
			send(t, b, m)
		}
	}
	board := send(t, b, groupMsg("g", "x", "/leaderboard"))
	if n := len(board.Blocks); n != leaderboardSize {
		t.Fatalf("%d lines, want top %d:\n%s", n, leaderboardSize, bot.PlainText(board))
	}
	if !strings.HasPrefix(bot.PlainText(blockOf(board, 0)), "1. name-p00 — 12 of 12") {
		t.Fatalf("leader:\n%s", bot.PlainText(board))
	}
}

// blockOf is block i of r as a reply of its own.
func blockOf(r *bot.Reply, i int) *bot.Reply { return &bot.Reply{Blocks: r.Blocks[i : i+1]} }

func TestQuizInputs(t *testing.T) {
	b, _ := newStudyBot(t, nil)
	tests := []struct {
		name, text, contains string
	}{
		{"topic filter", "/quiz oewg", "Quiz"},
		{"topic by label", "/quiz Open-ended Working Groups (OEWG)", "Quiz"},
		{"unknown topic", "/quiz football", "I don't know the topic “football”"},
		{"topic without questions", "/quiz law", "no quiz question for that topic"},
		{"malformed answer", "/quiz answer x y", "no longer available"},
		{"unknown round", "/quiz answer 999 1", "no longer available"},
		{"option out of range", "/quiz answer 1 9", "no longer available"},
		{"malformed reveal", "/quiz reveal", "no longer available"},
	}
	for _, tt := range tests {
		r := send(t, b, privateMsg("p", tt.text))
		if r == nil || !strings.Contains(bot.PlainText(r), tt.contains) {
			t.Errorf("%s: %q → %#v", tt.name, tt.text, r)
		}
	}
	for i := 0; i < 30; i++ {
		r := send(t, b, privateMsg("p", "/quiz oewg"))
		round, _ := correctOption(t, b, optionButtons(t, r)[0])
		q, _ := b.store.QuizRound(context.Background(), round)
		if f, _ := b.Base().Get(q.FactID); !f.HasTopic("oewg") {
			t.Fatalf("/quiz oewg asked about %s", q.FactID)
		}
	}
}

func TestQuizPollForNativeQuizzes(t *testing.T) {
	ctx := context.Background()
	b, _ := newStudyBot(t, nil)
	r := send(t, b, groupMsg("g", "ana", "/quiz"))
	p, ok := b.QuizPoll(ctx, r)
	if !ok || len(p.Options) != 4 || p.Question == "" || len([]rune(p.Explanation)) > 200 || !strings.Contains(p.Explanation, p.Options[p.Correct]) {
		t.Fatalf("QuizPoll = %+v %v", p, ok)
	}
	if _, ok := b.QuizPoll(ctx, send(t, b, groupMsg("g", "ana", "/help"))); ok {
		t.Fatal("QuizPoll accepted a non-quiz reply")
	}
	if out, err := b.RecordQuizAnswer(ctx, "test:g", p.RoundID, "u1", "Ana", p.Correct); err != nil || out != bot.AnswerRecorded {
		t.Fatalf("poll answer: %v %v", out, err)
	}
	if out, _ := b.RecordQuizAnswer(ctx, "test:g", p.RoundID, "u1", "Ana", 0); out != bot.AnswerDuplicate {
		t.Fatal("a second poll answer counted")
	}
	if _, err := b.RecordQuizAnswer(ctx, "test:other", p.RoundID, "u2", "X", 0); err == nil {
		t.Fatal("a poll answer from another chat counted")
	}
	if st := bot.PlainText(send(t, b, groupMsg("g", "u1", "/mystats"))); !strings.Contains(st, "1 of 1 correct") {
		t.Fatalf("/mystats after a poll answer: %s", st)
	}
	// Telegram's poll_answer names the poll, not the chat.
	if err := b.BindQuizPoll(ctx, "telegram:5001", p.RoundID); err != nil {
		t.Fatal(err)
	}
	if out, err := b.RecordPollAnswer(ctx, "telegram:5001", "u3", "Citra", (p.Correct+1)%4); err != nil || out != bot.AnswerRecorded {
		t.Fatalf("poll answer by poll id: %v %v", out, err)
	}
	if _, err := b.RecordPollAnswer(ctx, "telegram:404", "u3", "Citra", 0); err == nil {
		t.Fatal("answer to an unknown poll counted")
	}
	if err := b.BindQuizPoll(ctx, "telegram:1", 9999); err == nil {
		t.Fatal("bound a poll to a round that does not exist")
	}
}

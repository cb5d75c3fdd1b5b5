package knowledge

// This file fixes the matcher's public contract. The retrieval itself (normalisation,
// stemming, BM25, typo tolerance, decision rule) lives in the other match*.go files.

// Scored is a fact with the matcher's score for one question.
type Scored struct {
	Fact  *Fact
	Score float64
}

// Result is the matcher's verdict on one question.
type Result struct {
	// Lang is the language the question was asked in (the hint when it cannot be told).
	Lang Lang
	// Answered is true only when the decision model (decide.go) is confident enough
	// that the best fact answers; a wrong confident answer is the worst failure.
	Answered bool
	// Likely marks an answer that cleared the threshold without being sure: the
	// reply then says what it read the question as, and offers the runners-up.
	Likely bool
	// Best is the answer when Answered.
	Best Scored
	// Candidates are the top-ranked facts, best first (also when not answered).
	Candidates []Scored
	// Suggestions are up to three facts to offer when the question was not answered
	// ("did you mean"); empty when the question looks off-topic.
	Suggestions []*Fact
	// OffTopic is true when nothing in the question relates to the fact base.
	OffTopic bool
}

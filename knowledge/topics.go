package knowledge

// Topic is a shelf of the fact base, shown by /topics and used by /timeline filters.
type Topic struct {
	Key     string `json:"key"`
	LabelEN string `json:"label_en"`
	LabelID string `json:"label_id"`
}

// Label returns the topic's name in lang.
func (t Topic) Label(lang Lang) string {
	if lang == ID {
		return t.LabelID
	}
	return t.LabelEN
}

// Topics is the closed list of topic keys a fact may carry; validation rejects others so
// that /topics and /timeline filters always mean something.
var topics = []Topic{
	{"origins", "Origins (1998–2003)", "Asal-usul (1998–2003)"},
	{"gge", "Groups of Governmental Experts (GGE)", "Kelompok Ahli Pemerintah (GGE)"},
	{"oewg", "Open-ended Working Groups (OEWG)", "Kelompok Kerja Terbuka (OEWG)"},
	{"norms", "The 11 norms", "11 norma"},
	{"resolutions", "General Assembly resolutions", "Resolusi Majelis Umum"},
	{"law", "International law in cyberspace", "Hukum internasional di ruang siber"},
	{"mechanism", "Global Mechanism, PoC directory, PoA", "Mekanisme Global, direktori PoC, PoA"},
	{"cybercrime", "Cybercrime track and conventions", "Jalur kejahatan siber dan konvensi"},
	{"regional", "Regional and other instruments", "Instrumen regional dan lainnya"},
	{"asean", "ASEAN", "ASEAN"},
	{"indonesia", "Indonesia", "Indonesia"},
	{"concepts", "Key concepts", "Konsep kunci"},
	{"people", "People", "Tokoh"},
	{"glossary", "Glossary", "Glosarium"},
	{"corrections", "Common errors", "Kekeliruan umum"},
}

// AllTopics returns the topic list in display order.
func AllTopics() []Topic {
	out := make([]Topic, len(topics))
	copy(out, topics)
	return out
}

// LookupTopic finds a topic by key.
func LookupTopic(key string) (Topic, bool) {
	for _, t := range topics {
		if t.Key == key {
			return t, true
		}
	}
	return Topic{}, false
}

// Kind is what a fact is about. The list is closed: load rejects any other value.
type Kind string

// Fact kinds.
const (
	KindEvent      Kind = "event"      // something that happened on a date
	KindDocument   Kind = "document"   // a report, resolution, statement or treaty
	KindBody       Kind = "body"       // a group, committee, agency or mechanism
	KindPerson     Kind = "person"     // who chaired, headed or said something
	KindConcept    Kind = "concept"    // an idea of the field (due diligence, CBMs)
	KindTerm       Kind = "term"       // a glossary entry (/define)
	KindCorrection Kind = "correction" // answers a common misconception
	KindNorm       Kind = "norm"       // one of the 11 norms
)

// kinds is the closed list of fact kinds.
var kinds = map[Kind]bool{
	KindEvent: true, KindDocument: true, KindBody: true, KindPerson: true,
	KindConcept: true, KindTerm: true, KindCorrection: true, KindNorm: true,
}

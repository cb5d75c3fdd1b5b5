package knowledge

import "testing"

// Students name the angles and the things of a question in words the facts do not
// use: "terbentuk" and "kelahiran" for created, "lolos" for adopted, "dikepalai" and
// "at the helm" for chaired, "co-sponsored" for proposed, "terdiri dari" and
// "komposisi" for members, "intinya" and "rekomendasi" for what a text says,
// "SMU PBB" for the General Assembly, "objek vital" for critical infrastructure,
// "pakta" for a treaty. Each is vocabulary data (vocab/lexicon.toml) and carries
// its question to the fact the standard wording reaches.
func TestStudentsWordsCarryTheQuestion(t *testing.T) {
	checkAnswers(t, embeddedMatcher(t), []answerCase{
		// created
		{q: "kapan OEWG pertama terbentuk?", want: "oewg-2019-2021", lang: ID},
		{q: "kelahiran OEWG pertama tahun berapa", want: "oewg-2019-2021", lang: ID},
		// adopted
		{q: "kapan konvensi kejahatan siber PBB lolos?", want: "ares-79-243", lang: ID},
		// chaired
		{q: "siapa yang mengepalai OEWG 2021-2025?", want: "person-burhan-gafoor", lang: ID},
		{q: "who was at the helm of the first OEWG", want: "person-jurg-lauber", lang: EN},
		// proposed
		{q: "siapa yg co-sponsored resolusi pembentukan OEWG?", want: "ares-73-27", lang: ID},
		// members and counts
		{q: "komposisi GGE 2019 gimana", want: "gge-2019-2021-members", lang: ID},
		{q: "GGE 2019 beranggotakan berapa ahli", want: "gge-2019-2021-members", lang: ID},
		{q: "berapa jmlh anggota GGE 2014", want: "gge-2014-2015", lang: ID},
		// what a text says
		{q: "intinya laporan GGE 2015 apa", want: "gge-2015-report", lang: ID},
		{q: "apa rekomendasi laporan GGE 2015", want: "gge-2015-report", lang: ID},
		{q: "apa kesimpulan laporan GGE 2015?", want: "gge-2015-report", lang: ID},
		{q: "poin-poin utama laporan akhir OEWG apa aja", want: "oewg-2019-2021-report-content", lang: ID},
		// why, where, purpose
		{q: "how come the GGE failed in 2017", want: "gge-2017-failure", lang: EN},
		{q: "which city was the UN cybercrime convention signed in", want: "cybercrime-convention-hanoi-signing", lang: EN},
		{q: "apa gunanya Programme of Action", want: "programme-of-action", lang: ID},
		// things
		{q: "resolusi SMU PBB yang membentuk OEWG apa", want: "ares-73-27", lang: ID},
		{q: "norma tentang serangan ke objek vital", want: "norm-13f-critical-infrastructure", lang: ID},
		{q: "cyberattacks on hospitals norm", want: "norm-13f-critical-infrastructure", lang: EN},
		{q: "what is the pact on cybercrime", want: "cybercrime-convention", lang: EN},
		{q: "kaidah perilaku negara yang bertanggung jawab apa aja", want: "responsible-state-behaviour", lang: ID},
	})
}

package knowledge

import "strings"

// This file is the matcher's curated vocabulary: colloquial spellings, stop words,
// language markers and the bilingual concept table. It is data, read-only after
// package initialisation.

// colloquial maps chat spellings (Indonesian SMS style, English shorthand) onto the
// standard word, before stop words and concepts are looked up.
var colloquial = map[string]string{
	// Indonesian
	"yg": "yang", "knp": "kenapa", "gmn": "bagaimana", "gmna": "bagaimana", "bgmn": "bagaimana",
	"gimana": "bagaimana", "kpn": "kapan", "dgn": "dengan", "dg": "dengan", "tdk": "tidak",
	"gak": "tidak", "ga": "tidak", "gk": "tidak", "nggak": "tidak", "ngga": "tidak", "enggak": "tidak", "engga": "tidak", "kagak": "tidak",
	"utk": "untuk", "untk": "untuk", "buat": "untuk", "dr": "dari", "krn": "karena", "karna": "karena", "soalnya": "karena",
	"jd": "jadi", "blm": "belum", "sdh": "sudah", "udh": "sudah", "udah": "sudah", "dah": "sudah",
	"sm": "sama", "org": "orang", "bgt": "banget", "aja": "saja", "ajah": "saja", "kalo": "kalau", "klo": "kalau",
	"tau": "tahu", "tu": "itu", "ni": "ini", "dmn": "dimana", "brp": "berapa", "brapa": "berapa",
	"sapa": "siapa", "spa": "siapa", "sy": "saya", "gw": "saya", "gue": "saya", "aku": "saya", "lu": "kamu", "lo": "kamu",
	"tsb": "tersebut", "pd": "pada", "dlm": "dalam", "ttg": "tentang", "tntg": "tentang", "sbg": "sebagai",
	"bs": "bisa", "bsa": "bisa", "jg": "juga", "lg": "lagi", "msh": "masih", "sblm": "sebelum", "stlh": "setelah",
	"apaan": "apa", "ap": "apa", "pa": "apa", "napa": "kenapa", "ngapain": "kenapa", "gmana": "bagaimana",
	"thn": "tahun", "th": "tahun", "tgl": "tanggal", "negri": "negeri", "pemerintahnya": "pemerintah",
	"diketuain": "diketuai", "ngatur": "mengatur", "nolak": "menolak", "gantiin": "menggantikan", "ganti": "mengganti",
	"ngeluarin": "mengeluarkan", "keluarin": "mengeluarkan", "nambahin": "menambahkan", "bilang": "mengatakan", "ngomongin": "membahas",
	"ngebahas": "membahas", "bahas": "membahas", "bikin": "membuat", "dibikin": "dibuat", "ngusulin": "mengusulkan", "diusulin": "diusulkan",
	"nanya": "bertanya", "kerjain": "mengerjakan", "sampe": "sampai", "abis": "habis", "skrg": "sekarang", "skrng": "sekarang",
	"taun": "tahun", "tanda-tangan": "tanda tangan", "ttd": "tanda tangan", "negosiasiin": "merundingkan", "diteken": "diteken", "ketuain": "ketuai", "jelasin": "jelaskan",
	// English shorthand
	"u": "you", "ur": "your", "r": "are", "wat": "what", "wht": "what", "whats": "what", "what's": "what",
	"abt": "about", "pls": "please", "plz": "please", "thx": "thanks", "govt": "government", "gov": "government",
	"intl": "international", "int'l": "international", "w/": "with", "yr": "year", "yrs": "years", "whos": "who",
	"wen": "when", "hw": "how", "y": "why",
	"dont": "do", "didnt": "did", "doesnt": "does", "isnt": "is", "wasnt": "was", "werent": "were", "arent": "are",
	"cant": "can", "wont": "will", "hasnt": "has", "havent": "have", "hadnt": "had", "shouldnt": "should", "wouldnt": "would",
	"im": "i", "ive": "i", "theyre": "they", "thats": "that", "wheres": "where", "hows": "how",
	// more Indonesian chat spellings
	"emg": "memang", "emang": "memang", "dlu": "dulu", "dl": "dulu", "trs": "terus", "krg": "kurang", "lbh": "lebih",
	"bnyk": "banyak", "byk": "banyak", "hrs": "harus", "bkn": "bukan", "kyk": "kayak", "gt": "gitu", "gtu": "gitu",
	"sbnrnya": "sebenarnya", "sbnernya": "sebenarnya", "mksd": "maksud", "mksdnya": "maksudnya",
	"ngerti": "mengerti", "gatau": "tahu", "tp": "tapi", "tpi": "tapi", "klw": "kalau",
	"kl": "kalau", "sm2": "sama", "ato": "atau", "atw": "atau", "ama": "sama", "dri": "dari", "sdgkan": "sedangkan",
	"indo": "indonesia", "bener": "benar", "bnr": "benar", "beneran": "benar", "denger": "dengar", "kedengeran": "dengar",
}

// stopEN and stopID are function words that say nothing about which fact is meant.
// Question words are not here: they are concepts (?who, ?when …) that tell the
// angle of the question apart ("who chaired" vs "when was").
var stopEN = setOf(`a an the is are was were be been being am do does did done of in on at to for from by with
about and or but it its it's this that these those there here their they them what which i me my mine we our us
you your he she his her him can could would should will shall may might must has have had having please tell
explain know want wonder anyone someone something thing things so just also any some as into than then if
not no yes ok okay hi hello hey thanks thank hmm um uh lol haha like really very much more most get got give
gives let lets let's say whether still again one ones such other others each every same own quick quickly briefly
short summary describe description info exactly actually basically kind sort himself herself itself themselves
anything everything someone anybody`)

var stopID = setOf(`yang di ke dari dan atau ini itu adalah ialah merupakan apa apakah dengan untuk pada dalam oleh
sebagai tentang mengenai terkait juga saja sih dong deh nih tuh kok ya yah kah lah kan nya saya kami kita kamu anda
dia mereka bisa boleh mohon tolong jelaskan dijelaskan sebutkan tahu mau ingin pengen kak min bang bro gan sis mas
mbak pak bu ada adakah sudah telah sedang akan pernah masih lagi sama seperti kalau jika bahwa karena jadi maka hal
para sang si tidak bukan belum tahun banget dulu nanti sekarang tersebut apakah gitu begitu emang memang halo hai
terima kasih makasih thanks selamat pagi siang sore malam kabar oke ok sebenarnya sebetulnya aduh wkwk wkwkwk haha hehe
punya nah deh loh dah gan sob guys bagi secara lebih paling sangat cuma hanya cukup singkat lengkap ringkas
apanya kah orang kayak kek tadi katanya kabarnya dengar konon`)

// markersEN and markersID are frequent words that tell the languages apart for
// DetectLang; words common to both (names, "cyber", "ASEAN") are in neither.
var markersEN = setOf(`the is are was were what who whom whose when where why how which did does do of and in on
about with for from by this that these those report law international crime year chair tell me please explain
many much first second third fourth fifth sixth group experts working norms norm convention resolution treaty
security adopted signed vote votes countries country state states between difference mean means meaning
behind after before under against can could would should has have had it they its their there hello hi hey
thanks thank good night morning define definition full form lot solve equals stand meaning who's what's`)

var markersID = setOf(`yang apa itu dan di ke dari siapa kapan bagaimana mengapa kenapa adalah ini untuk dengan tidak
ada sih dong gmn knp kpn yg dgn tdk berapa apakah dalam pada oleh tentang laporan hukum negara kejahatan isi hasil
tahun saja juga bisa tolong jelaskan gak nggak sudah belum atau ketua diketuai pertama kedua ketiga keempat
kelima keenam kelompok ahli pemerintah kerja terbuka norma resolusi konvensi perjanjian keamanan diadopsi
disahkan ditandatangani suara negara-negara perbedaan bedanya maksudnya artinya apa sih aja kak min dibentuk
membentuk mengadopsi siapakah kapankah sebutkan jelasin gimana emang ya nya arti pengertian sejarah peran soal
nih lagi cara bikin pakai pake yuk contoh orang wkwk wkwkwk bahasa halo kak makasih selamat terima kasih dong deh
kok kenapa bagaimanakah belanda amerika serikat sama banget aja udah udh gak ga nggak enggak mana`)

// entityConcepts name one body, instrument, process or country. A fact that does
// not mention an entity the question names is about something else, however much
// of the question's frame it shares ("who could take part in the OEWG" is not
// answered by "did Indonesia take part in the GGE").
var entityConcepts = setOf(`gge oewg globalmech poa poc sco osce asean bssn coe nam unidir unodc unoda
tallinn pariscall budapest hanoi cybercrimeconv ahc jointstatement firstcommittee thirdcommittee dualtrack
indonesia russia usa china brazil switzerland singapore vietnam europe eu
cbm capbuild critinfra duediligence attribution sovereignty countermeasure selfdefence ihl rsb humanrights
cybercrime cybersecurity first second third fourth fifth sixth`)

// chatter is what students wrap a question in: greetings, who they are, why
// they ask ("I'm writing my thesis", "lagi ngerjain tugas kuliah"). It says
// nothing about the subject, and left in, it would count as unknown content and
// push a real question below the coverage floor. Merged into both stop lists.
var chatter = `hi hello hey good morning evening afternoon night dear sir madam please pls thanks thank
cheers quick question questions ask asking asked wondering wonder curious curiosity help helps helping
student students studying study class classes course lecture lecturer lecturers professor prof teacher
homework assignment assignments thesis dissertation essay essays paper papers exam exams quiz test
writing write wrote research researching project presentation seminar university campus college
i'm im my friend friends group-mate classmate classmates anyone somebody guys folks btw actually honestly
halo hai pagi siang sore malam permisi maaf mau tanya nanya bertanya numpang izin kak min bang mas mbak
pak bu dosen dosennya guru mahasiswa mahasiswi siswa murid kuliah perkuliahan kelas matkul mata semester
tugas tugasnya ngerjain mengerjakan skripsi tesis makalah paper ujian uts uas kuis presentasi riset
penelitian kampus teman temen gw gue aku saya kami sebenernya sebenarnya penasaran bingung tolong
bantu bantuin dibantu makasih terima kasih thx wkwk hehe`

func init() {
	for _, w := range strings.Fields(chatter) {
		stopEN[w] = true
		stopID[w] = true
	}
	// The vocatives and fillers of vocab/chat.toml ("bot", "bapak", "kakak") wrap
	// questions too; words that begin a concept ("banyak" in "berapa banyak") are
	// left to the concept table.
	for first, phrases := range vocab.filler {
		for _, p := range phrases {
			if len(p) == 1 && lex.byFirst[first] == nil {
				stopEN[first] = true
				stopID[first] = true
			}
		}
	}
}

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// concept is one meaning with its spellings in both languages. Every spelling is
// replaced by the concept's key at index and at query time, so "kejahatan siber"
// in a question meets "cybercrime" in a fact, and "PBB" meets "United Nations".
type concept struct {
	key     string
	phrases string // "|"-separated, normalised (lower-case, no diacritics) spellings
}

// Question-angle concepts start with "?": they carry a weak weight and never count
// towards whether a question is on topic.
var concepts = []concept{
	// Bodies and processes.
	{"gge", "gge|ungge|un gge|gges|group of governmental experts|groups of governmental experts|group of government experts|governmental experts|government experts|kelompok ahli pemerintah|kelompok pakar pemerintah|kelompok ahli pemerintahan|kelompok ahli pemerintahan pbb|grup ahli pemerintah|ahli pemerintah|pakar pemerintah"},
	{"oewg", "oewg|oewgs|open ended working group|open ended working groups|open-ended working group|open working group|kelompok kerja terbuka|kelompok kerja terbuka untuk semua|kelompok kerja terbuka pbb|kelompok kerja open ended|pokja terbuka"},
	{"un", "un|pbb|united nations|perserikatan bangsa|persatuan bangsa|uno|u.n"},
	{"ga", "general assembly|mu|mu pbb|majelis umum|unga|sidang umum|sidang majelis umum|majelis umum pbb"},
	{"sg", "secretary general|secretary-general|sekretaris jenderal|sekretaris jendral|sekjen|unsg"},
	{"firstcommittee", "first committee|komite pertama|komite i|committee i|komite satu|komisi pertama|komisi i"},
	{"thirdcommittee", "third committee|komite ketiga|komite iii|committee iii|komisi ketiga|komisi iii"},
	{"ahc", "ad hoc committee|ad-hoc committee|komite ad hoc|komite adhoc|adhoc committee|ahc"},
	{"committee", "committee|committees|komite|komisi|panitia"},
	{"globalmech", "global mechanism|mekanisme global|permanent mechanism|mekanisme permanen|mekanisme tetap"},
	{"poa", "poa|programme of action|program of action|program aksi|programme aksi|program tindakan"},
	{"poc", "poc|pocs|point of contact|points of contact|titik kontak|titik-titik kontak|contact point|contact points|kontak poin"},
	{"directory", "directory|direktori"},
	{"dualtrack", "dual track|dual-track|dual tracks|jalur ganda|dua jalur|two tracks|two track|parallel tracks|jalur paralel"},
	{"sco", "sco|shanghai cooperation organisation|shanghai cooperation organization|organisasi kerja sama shanghai|organisasi kerjasama shanghai"},
	{"osce", "osce|organization for security and co-operation in europe|organisation for security and co-operation in europe|organization for security and cooperation in europe|organisation for security and cooperation in europe|osze"},
	{"asean", "asean|perhimpunan bangsa asia tenggara|association of southeast asian nations"},
	{"bssn", "bssn|badan siber dan sandi negara|national cyber and crypto agency|national cyber and encryption agency|badan siber"},
	{"coe", "council of europe|dewan eropa|coe"},
	{"nam", "non aligned movement|non-aligned movement|gerakan non blok|gnb|nam"},
	{"unidir", "unidir"},
	{"unodc", "unodc|un office on drugs and crime"},
	{"unoda", "unoda|office for disarmament affairs|oda"},
	// Documents and instruments.
	{"report", "report|reports|reported|laporan|laporannya|melaporkan|dilaporkan"},
	{"resolution", "resolution|resolutions|resolusi|resolusinya|res"},
	{"convention", "convention|conventions|konvensi|konvensinya"},
	{"treaty", "treaty|treaties|perjanjian|traktat|perjanjian internasional"},
	{"cybercrimeconv", "cybercrime convention|convention against cybercrime|un cybercrime convention|konvensi kejahatan siber|konvensi pbb tentang kejahatan siber|konvensi melawan kejahatan siber|konvensi anti kejahatan siber|cybercrime treaty|perjanjian kejahatan siber"},
	{"jointstatement", "joint statement|pernyataan bersama|joint declaration|deklarasi bersama"},
	{"statement", "statement|statements|pernyataan"},
	{"declaration", "declaration|deklarasi"},
	{"agreement", "agreement|agreements|kesepakatan|persetujuan|agree|agreed|agrees|sepakat|menyepakati|disepakati|bersepakat|setuju"},
	{"codeconduct", "code of conduct|kode etik|kode perilaku|codes of conduct"},
	{"charter", "charter|piagam|un charter|piagam pbb"},
	{"tallinn", "tallinn|tallin|talinn|tallinn manual|tallinn manuals|manual tallinn"},
	{"manual", "manual|manuals|buku panduan|panduan"},
	{"pariscall", "paris call|seruan paris|panggilan paris"},
	{"budapest", "budapest|budapest convention|konvensi budapest|convention on cybercrime|ets 185|ets no. 185"},
	{"hanoi", "hanoi|ha noi"},
	// Subject matter.
	{"cybercrime", "cybercrime|cybercrimes|cyber crime|cyber crimes|kejahatan siber|kejahatan dunia maya|kejahatan cyber|kejahatan digital|kriminalitas siber|tindak pidana siber|computer crime|kejahatan komputer|criminal purposes|tujuan kriminal|criminal misuse|penyalahgunaan kriminal"},
	{"crime", "crime|crimes|criminal|criminals|kejahatan|kriminal|pidana|penjahat"},
	{"cybersecurity", "cybersecurity|cyber security|keamanan siber|keamanan cyber|ict security|keamanan tik"},
	{"cyberspace", "cyberspace|cyber space|ruang siber|dunia maya|ranah siber|domain siber|ruang maya"},
	{"cyber", "cyber|siber|saiber|cybers|internet|online|daring|digital space"},
	{"ict", "ict|icts|tik|information and communication technologies|information and communications technologies|information and communication technology|information and communications technology|teknologi informasi dan komunikasi|information and telecommunications|informasi dan telekomunikasi"},
	{"iis", "international information security|keamanan informasi internasional|information security|keamanan informasi"},
	{"norm", "norm|norms|norma|normanya|norma norma|rules of the road|aturan main"},
	{"intlaw", "international law|hukum internasional|international legal|hukum intl"},
	{"law", "law|laws|legal|hukum|yuridis"},
	{"ihl", "ihl|international humanitarian law|hukum humaniter internasional|hukum humaniter|humanitarian law|law of armed conflict|loac|hukum perang|jus in bello"},
	{"humanrights", "human rights|hak asasi manusia|hak asasi|ham|hak manusia"},
	{"sovereignty", "sovereignty|kedaulatan|sovereign|berdaulat|souverainete"},
	{"duediligence", "due diligence|uji tuntas|kewajiban kehati hatian|kehati hatian|kehati-hatian"},
	{"attribution", "attribution|attributions|atribusi|attribute|attributed|attributing|mengatribusikan|diatribusikan|siapa pelakunya|who is behind|who was behind|behind the attack|siapa dalang|dalang|siapa di balik|di balik serangan|pelaku|pelakunya|blame|blaming|menyalahkan"},
	{"countermeasure", "countermeasure|countermeasures|counter measures|counter-measures|tindakan balasan|tindakan pembalasan|langkah balasan|balasan"},
	{"selfdefence", "self defence|self defense|self-defence|self-defense|bela diri|membela diri|pembelaan diri|hak membela diri|article 51|pasal 51|art 51|art. 51"},
	{"useofforce", "use of force|penggunaan kekerasan|penggunaan kekuatan|penggunaan kekuatan bersenjata"},
	{"armedattack", "armed attack|armed attacks|serangan bersenjata"},
	{"cbm", "cbm|cbms|confidence building measures|confidence building measure|confidence-building measures|confidence-building|confidence building|langkah membangun kepercayaan|langkah pembangunan kepercayaan|tindakan membangun kepercayaan|membangun kepercayaan|langkah peningkatan kepercayaan|langkah langkah membangun kepercayaan"},
	{"capbuild", "capacity building|capacity-building|peningkatan kapasitas|pengembangan kapasitas|pembangunan kapasitas|penguatan kapasitas|membangun kapasitas"},
	{"critinfra", "critical infrastructure|critical infrastructures|infrastruktur kritis|infrastruktur vital|infrastruktur informasi vital|critical information infrastructure|critical information infrastructures|infrastruktur kritikal|iiv|hospital|hospitals|rumah sakit|power plant|power plants|power grid|pembangkit listrik|jaringan listrik|listrik|electricity"},
	{"rsb", "responsible state behaviour|responsible state behavior|responsible behaviour of states|responsible behavior of states|perilaku negara yang bertanggung jawab|perilaku negara bertanggung jawab|perilaku bertanggung jawab negara"},
	// The law of state responsibility (ARSIWA) is not "responsible state behaviour".
	{"stateresponsibility", "state responsibility|responsibility of states|law of state responsibility|tanggung jawab negara|pertanggungjawaban negara|arsiwa|articles on state responsibility|internationally wrongful act|internationally wrongful acts|perbuatan salah secara internasional"},
	{"behaviour", "behaviour|behavior|perilaku|tingkah laku"},
	{"responsible", "responsible|bertanggung jawab|tanggung jawab|responsibility"},
	{"framework", "framework|frameworks|kerangka|kerangka kerja|kerangka normatif"},
	{"pillar", "pillar|pillars|pilar|tiang"},
	{"proxy", "proxy|proxies|proksi|perantara"},
	{"diplomacy", "diplomacy|diplomasi|diplomatic|diplomatik|diplomat|diplomats"},
	{"digital", "digital"},
	{"consensus", "consensus|konsensus|mufakat|by consensus|secara konsensus|without a vote|tanpa pemungutan suara|tanpa voting"},
	{"nonbinding", "non binding|non-binding|nonbinding|tidak mengikat|not binding|not legally binding|tak mengikat|tidak mengikat secara hukum"},
	{"binding", "binding|legally binding|mengikat|mengikat secara hukum"},
	{"voluntary", "voluntary|sukarela|suka rela"},
	{"rapporteur", "rapporteur|pelapor|rapporteurnya"},
	// Leaders of states ("ASEAN Leaders' Statement") are not chairs of a body.
	{"leaders", "leader|leaders|pemimpin|pemimpin negara|kepala negara|heads of state|head of state|kepala pemerintahan|summit|ktt|konferensi tingkat tinggi"},
	{"vicechair", "vice chair|vice-chair|wakil ketua|vice chairs|vice-chairs"},
	{"chair", "chair|chairs|chaired|chairing|chairman|chairperson|chairwoman|chairmanship|ketua|ketuanya|diketuai|mengetuai|ketuai|memimpin|dipimpin|pimpinan|pimpin|mimpin|ngetuain|ngetuai|dipimpin oleh|in charge|head|kepala|led|lead|leads|leading|headed|presided|presiding|kepemimpinan"},
	{"member", "member|members|membership|anggota|anggotanya|keanggotaan|participants|participant|peserta|participating|participate|participated|participation|partisipasi|ikut serta|berpartisipasi|sat on|sit on|duduk di|take part|took part|takes part|taking part|ikut|join|joined|joins|joining|bergabung|gabung"},
	{"state", "state|states|country|countries|negara|negeri|nation|nations|bangsa"},
	{"vote", "vote|votes|voted|voting|suara|pemungutan suara|recorded vote|in favour|in favor|abstain|abstained|abstentions|abstention|abstensi|voted against|vote against|votes against|voted for|vote for"},
	{"oppose", "oppose|opposed|opposes|opposing|opposition|reject|rejected|rejects|rejecting|rejection|object|objected|objection|objections|menolak|ditolak|penolakan|menentang|ditentang|keberatan|tidak setuju"},
	{"adopt", "adopt|adopts|adopted|adoption|adopting|diadopsi|mengadopsi|adopsi|pengadopsian|disahkan|mengesahkan|pengesahan|disetujui|menyetujui|endorse|endorsed|endorses|endorsement|approve|approved|approval|passed|pass"},
	{"sign", "sign|signs|signed|signing|signature|signatures|signatory|signatories|ditandatangani|penandatanganan|menandatangani|tanda tangan|penandatangan|teken|diteken|meneken"},
	{"ratify", "ratify|ratified|ratification|ratifications|ratifies|ratifikasi|meratifikasi|diratifikasi|accede|accession|aksesi|party|parties|pihak|negara pihak"},
	{"negotiate", "negotiate|negotiation|negotiations|negotiated|negotiating|perundingan|berunding|negosiasi|dirundingkan|merundingkan|runding|talks|pembahasan|nego|negoisasi|ngerundingin"},
	{"establish", "establish|established|establishes|establishment|establishing|create|created|creates|creation|membuat|dibuat|set up|setting up|form|formed|forming|formation|dibentuk|membentuk|pembentukan|didirikan|mendirikan|pendirian|berdiri|lahir|founded|founding|launch|launched|diluncurkan|meluncurkan|peluncuran"},
	{"meet", "meet|meets|meeting|meetings|met|convene|convened|convening|pertemuan|bertemu|rapat|bersidang|ketemu|ketemuan|berjumpa"},
	{"session", "session|sessions|sesi|sidang|persidangan|substantive session|sesi substantif"},
	{"fail", "fail|failed|fails|failure|collapse|collapsed|collapses|deadlock|deadlocked|gagal|kegagalan|buntu|kebuntuan|mandek|no consensus|tanpa konsensus|tidak ada konsensus|tidak sepakat"},
	{"success", "succeed|succeeded|successful|success|berhasil|sukses|keberhasilan|achievement|achievements|pencapaian|capaian"},
	{"propose", "propose|proposed|proposes|proposal|proposals|usul|usulan|mengusulkan|diusulkan|sponsor|sponsored|sponsors|sponsoring|tabled|table|mengajukan|diajukan|pengusul|initiated|initiative|inisiatif|prakarsa|digagas|menggagas|penggagas|pencetus|dicetuskan|buatan|made by|dibuat oleh|the author|author"},
	{"outcome", "outcome|outcomes|result|results|resulted|hasil|hasilnya|output|produce|produced|menghasilkan|dihasilkan"},
	{"content", "content|contents|contain|contains|say|says|said|mengatakan|isi|isinya|berisi|memuat|mengatur|cover|covers|covered|membahas|dibahas|substance|substansi|provisions|ketentuan|tell us|ngomong|membicarakan|bicara|involve|involves|involved|include|includes|including|mencakup|meliputi|termasuk"},
	{"purpose", "purpose|purposes|tujuan|tujuannya|aim|aims|goal|goals|objective|objectives|sasaran|fungsi|function|role|peran|peranan|perannya|tugasnya|task|tasks|mandate|mandat|mandatnya"},
	{"difference", "difference|differences|different|differ|differs|beda|bedanya|perbedaan|berbeda|membedakan|versus|vs|compare|compared|comparison|dibandingkan|bandingkan|perbandingan|dibanding|dibandingin|bandingin"},
	{"history", "history|historical|sejarah|asal usul|asal-usul|origin|origins|riwayat|background|latar belakang"},
	{"replace", "replace|replaced|replaces|replacement|successor|succeeded by|pengganti|penggantinya|menggantikan|mengganti|digantikan|diganti|penerus|follow up|follow-up|tindak lanjut|lanjutan|kelanjutan|after|setelah|sesudah|next|berikutnya|selanjutnya"},
	{"apply", "apply|applies|applied|applicable|applicability|application|berlaku|diterapkan|penerapan|menerapkan|penerapannya|keberlakuan"},
	{"start", "start|started|starts|begin|began|begins|beginning|mulai|dimulai|memulai|awal|permulaan|kick off|commence|commenced"},
	{"end", "end|ended|ends|conclude|concluded|conclusion|finish|finished|berakhir|selesai|akhir|penutup|closing|close|expire|expired|wrap up|habis"},
	{"final", "final|terakhir|pamungkas"},
	{"first", "first|pertama|1st|perdana|first time|for the first time|pertama kali|pertama kalinya|earliest|paling awal"},
	{"second", "second|kedua|2nd"},
	{"third", "third|ketiga|3rd"},
	{"fourth", "fourth|keempat|4th"},
	{"fifth", "fifth|kelima|5th"},
	{"sixth", "sixth|keenam|6th"},
	{"eleven", "eleven|11|sebelas"},
	{"indonesia", "indonesia|indonesian|indonesias|ri|republik indonesia|tanah air|nkri"},
	{"russia", "russia|rusia|russian|russian federation|federasi rusia|russias|rusia nya|moskow|moscow|ussr|soviet"},
	// "the us": lower-case US after an article; the pronoun "us" never follows "the".
	{"usa", "usa|the us|united states|united states of america|amerika serikat|amerika|america|american|washington"},
	{"china", "china|cina|tiongkok|chinese|prc|rrt|republik rakyat tiongkok|beijing"},
	{"brazil", "brazil|brasil|brazilian"},
	{"switzerland", "switzerland|swiss|swis|swiss confederation|swiss confederation"},
	{"singapore", "singapore|singapura"},
	{"vietnam", "vietnam|viet nam"},
	{"eu", "eu|european union|uni eropa|ue"},
	{"europe", "europe|european|eropa|benua eropa"},
	{"reaction", "reaction|reactions|react|reacted|response|responses|respond|responded|tanggapan|menanggapi|ditanggapi|reaksi|respons|sikap|stance|position|positions|posisi|pandangan|view|views|pendapat|opinion"},
	{"criticism", "criticism|criticisms|criticise|criticize|criticised|criticized|critic|critics|critical of|kritik|kritikan|mengkritik|dikritik|kecaman|mengecam|dikecam|concerns|kekhawatiran"},
	{"welcome", "welcome|welcomed|welcomes|menyambut|menyambut baik|disambut|mengapresiasi|apresiasi|praised|memuji"},
	{"delay", "delay|delayed|delays|postpone|postponed|postponement|ditunda|tertunda|penundaan|menunda|mundur|diundur"},
	{"covid", "covid|covid 19|covid-19|pandemic|pandemi|corona|coronavirus"},
	{"security", "security|keamanan|secure|securing|aman|mengamankan|pengamanan|safety"},
	{"cooperation", "cooperation|co-operation|co operation|cooperate|cooperated|cooperating|kerja sama|kerjasama|bekerja sama|bekerjasama|kooperasi|collaboration|collaborate|kolaborasi|partnership|kemitraan|work together|working together|worked together|works together|bekerja bersama|kerja bareng|joint efforts"},
	{"use", "use|uses|used|using|usage|penggunaan|menggunakan|digunakan|pemakaian|memakai|dipakai|pake|pakai"},
	{"issue", "issue|issued|issues|release|released|publish|published|publication|terbit|terbitkan|diterbitkan|menerbitkan|mengeluarkan|dikeluarkan|keluar|rilis|dirilis|merilis|launching"},
	{"m01", "january|jan|januari"},
	{"m02", "february|feb|februari|pebruari"},
	{"m03", "march|mar|maret"},
	{"m04", "april|apr"},
	{"m05", "mei"},
	{"m06", "june|jun|juni"},
	{"m07", "july|jul|juli"},
	{"m08", "august|aug|agustus|agu|agt"},
	{"m09", "september|sep|sept"},
	{"m10", "october|oct|oktober|okt"},
	{"m11", "november|nov|nopember"},
	{"m12", "december|dec|desember|des"},
	{"hack", "hack|hacks|hacked|hacking|hacker|hackers|peretas|peretasan|meretas|diretas|retas|hekel"},
	{"attack", "attack|attacks|attacked|attacking|serangan|menyerang|diserang|serang|assault"},
	{"vuln", "vulnerability|vulnerabilities|bug|bugs|flaw|flaws|kerentanan|celah|celah keamanan|zero day|zero-day|exploit|exploits"},
	{"terror", "terrorism|terrorist|terrorists|teroris|terorisme"},
	{"territory", "territory|territories|wilayah|wilayahnya|teritori|teritorial|territorial"},
	{"privacy", "privacy|privasi|data pribadi|personal data"},
	{"supplychain", "supply chain|supply chains|supply-chain|rantai pasok|rantai pasokan"},
	{"evidence", "evidence|electronic evidence|e-evidence|bukti|bukti elektronik|alat bukti"},
	{"prohibit", "ban|bans|banned|banning|prohibit|prohibits|prohibited|prohibition|forbid|forbids|forbidden|melarang|larangan|dilarang|terlarang"},
	{"select", "choose|chose|chosen|select|selected|selection|pick|picked|picks|dipilih|memilih|pemilihan|terpilih"},
	{"operation", "operation|operations|ops|op|operasi|operasi siber"},
	{"article", "article|articles|art|pasal"},
	{"peacetime", "peacetime|peace time|in peace|masa damai|waktu damai|saat damai|masa perdamaian"},
	{"wartime", "wartime|war time|armed conflict|armed conflicts|konflik bersenjata|masa perang|perang|war|warfare"},
	{"obligation", "obligation|obligations|obliged|duty|duties|kewajiban|wajib|diwajibkan"},
	{"expert", "expert|experts|ahli|pakar|para ahli|para pakar"},
	{"group", "group|groups|kelompok|grup"},
	{"government", "government|governments|governmental|pemerintah|pemerintahan"},
	{"information", "information|informasi"},
	{"technology", "technology|technologies|technological|teknologi"},
	{"international", "international|internasional|antarnegara|antar negara"},
	{"rule", "rule|rules|aturan|peraturan|regulation|regulations|regulasi"},
	{"principle", "principle|principles|prinsip|asas"},
	{"unsc", "security council|un security council|dewan keamanan|dewan keamanan pbb|unsc|dk pbb"},
	{"espionage", "espionage|spying|spy|spionase|mata mata|memata matai|penyadapan"},
	{"malware", "malware|ransomware|virus|viruses|worm|worms|trojan|spyware"},
	{"breach", "data breach|data breaches|breach|breaches|kebocoran data|data bocor|bocor|leak|leaked|leaks"},
	{"nonintervention", "non intervention|non-intervention|nonintervention|non interference|non-interference|intervensi|campur tangan|tidak campur tangan|noninterference"},
	{"weapon", "weapon|weapons|weaponry|cyber weapon|cyber weapons|senjata|senjata siber|persenjataan"},
	{"armscontrol", "arms control|arms-control|pengendalian senjata|kontrol senjata|disarmament|perlucutan senjata|pelucutan senjata"},
	{"stakeholder", "stakeholder|stakeholders|multistakeholder|multi stakeholder|multi-stakeholder|pemangku kepentingan|ngo|ngos|lsm|civil society|masyarakat sipil|private sector|sektor swasta|companies|company|perusahaan|industry|industri|academia|akademisi|non state|non-state|non negara"},
	{"trust", "trust|confidence|kepercayaan|percaya|saling percaya"},
	{"before", "before|sebelum|sebelumnya|predecessor|predecessors|pendahulu|pendahulunya|previous|previously|prior to|formerly|earlier"},
	// Question angles.
	{"?when", "when|kapan|kapankah|what year|which year|in what year|tahun berapa|pada tahun berapa|tahun brp|what date|which date|tanggal berapa|since when|sejak kapan|bulan apa|what month|which month|date|tanggal|tanggalnya|dates"},
	{"?who", "who|siapa|siapakah|whom|whose|by whom|oleh siapa|who's"},
	{"?why", "why|mengapa|kenapa|what for|apa sebabnya|sebabnya|alasan|alasannya|reason|reasons|penyebab|cause|caused|gara gara|gara"},
	{"?count", "how many|berapa|berapa banyak|berapa jumlah|jumlah|jumlahnya|number of|how much|banyaknya|count"},
	{"?how", "how|bagaimana|how does|how do|cara|caranya|bagaimanakah"},
	{"?where", "where|dimana|di mana|location|lokasi|tempat|tempatnya|venue"},
	{"?def", "what is|what are|what was|what were|what s|apa itu|itu apa|itu apaan|tuh apa|itu apa sih|apa sih|apakah itu|apa yang dimaksud|yang dimaksud|dimaksud|maksud|maksudnya|tell me about|jelaskan tentang|explain|jelaskan|ceritakan"},
	{"?define", "arti|artinya|pengertian|pengertiannya|definisi|definisinya|definition|define|meaning|mean|means|what does it mean|istilah|term|glossary|glosarium|in one line|dalam satu kalimat|singkatnya"},
	{"?abbr", "stand for|stands for|stand for what|kepanjangan|kepanjangannya|singkatan|singkatannya|singkatan dari|abbreviation|abbreviated|acronym|short for|full form|full name|nama lengkap|nama panjang|nama resmi|official name|nama lengkapnya"},
}

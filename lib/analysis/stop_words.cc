#include "analysis/stop_words.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "util/strings.h"
#include "util/utf8.h"

namespace trawl::analysis {
namespace {

struct StopList {
  std::string_view language;
  const char* words;  // separated by spaces
};

// English is Lucene's classic EnglishAnalyzer set (33 words). The others are
// abridged from the Snowball project's lists
// (https://snowballstem.org/algorithms/<language>/stop.txt): pronouns,
// articles, prepositions, conjunctions and the forms of "to be" / "to have".
// Catalan, which Snowball ships no list for, is written the same way from
// the language's grammar (the function words that Lucene's CatalanAnalyzer
// also drops); its elided forms (l', d', s') are left to the elision
// filter, which runs first. Sorted by language.
constexpr StopList kStopLists[] = {
    {"catalan",
     // Articles and their contractions with a, de, per.
     "el la els les lo un una uns unes al als del dels pel pels "
     // Prepositions and conjunctions.
     "a amb de des en per cap contra entre fins sense sobre sota vers "
     "i o ni però que si com quan on perquè doncs sinó mentre "
     // Personal, weak and possessive pronouns.
     "jo tu ell ella nosaltres vosaltres ells elles em et es ens us li ho hi "
     "me te se ne meu meva meus meves teu teva teus teves seu seva seus seves "
     "nostre nostra nostres vostre vostra vostres llur llurs "
     // Demonstratives, relatives and interrogatives.
     "aquest aquesta aquests aquestes aquell aquella aquells aquelles això "
     "allò qui què quin quina quins quines qual quals "
     // Forms of ser, estar and haver.
     "sóc ets és som sou són era eres érem éreu eren fou foren ser sigui "
     "siguin serà seran estic estàs està estem esteu estan estava estaven "
     "he has ha hem heu han havia havien hagut "
     // Frequent adverbs.
     "no també ja molt més tan tant"},
    {"dutch",
     "aan al alles als altijd andere ben bij daar dan dat de der deze die dit "
     "doch doen door dus een eens en er ge geen geweest haar had heb hebben "
     "heeft hem het hier hij hoe hun iemand iets ik in is ja je kan kon "
     "kunnen maar me meer men met mij mijn moet na naar niet niets nog nu "
     "of om omdat onder ons ook op over reeds te tegen toch toen tot u uit "
     "uw van veel voor want waren was wat werd wezen wie wil worden wordt "
     "zal ze zelf zich zij zijn zo zonder zou"},
    {"english",
     "a an and are as at be but by for if in into is it no not of on or "
     "such that the their then there these they this to was will with"},
    {"french",
     "ai aie aient aies ait as au aura aurai auraient aurais aurait auras "
     "aurez auriez aurions aurons auront aux avaient avais avait avec avez "
     "aviez avions avons ayant ayez ayons c ce ceci cela ces cet cette d "
     "dans de des du elle en es est et étaient étais était étant été êtes "
     "étiez étions eu eue eues eurent eus eusse eussent eut eux fus fusse "
     "fut furent il ils j je l la le les leur leurs lui m ma mais me même "
     "mes moi mon n ne nos notre nous on ont ou par pas pour qu que quel "
     "quelle quelles quels qui s sa sans se sera serai seraient serais "
     "serait seras serez seriez serions serons seront ses soi soient sois "
     "soit sommes son sont soyez soyons suis sur t ta te tes toi ton tu un "
     "une vos votre vous y"},
    {"german",
     "aber alle allem allen aller alles als also am an ander andere anderem "
     "anderen anderer anderes anders auch auf aus bei bin bis bist da damit "
     "dann das dass daß dein deine deinem deinen deiner deines dem den denn "
     "der derer des dessen dich die dies diese diesem diesen dieser dieses "
     "dir doch dort du durch ein eine einem einen einer eines einige "
     "einigem einigen einiger einiges einmal er es etwas euch euer eure "
     "eurem euren eurer eures für gegen gewesen hab habe haben hat hatte "
     "hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer "
     "ihres im in indem ins ist jede jedem jeden jeder jedes jene jenem "
     "jenen jener jenes jetzt kann kein keine keinem keinen keiner keines "
     "können könnte man manche manchem manchen mancher manches mein meine "
     "meinem meinen meiner meines mich mir mit muss musste nach nicht "
     "nichts noch nun nur ob oder ohne sehr sein seine seinem seinen seiner "
     "seines selbst sich sie sind so solche solchem solchen solcher solches "
     "soll sollte sondern sonst über um und uns unser unsere unserem "
     "unseren unseres unter viel vom von vor während war waren warst was "
     "weil weiter welche welchem welchen welcher welches wenn werde werden "
     "wie wieder will wir wird wirst wo wollen wollte würde würden zu zum "
     "zur zwar zwischen"},
    {"italian",
     "a abbiamo ad agli ai al alla alle allo anche avete aveva avevano avevo "
     "c che chi ci coi col come con contro cui da dagli dai dal dalla dalle "
     "dallo degli dei del della delle dello di dove e è ebbe ed era erano "
     "ero fu fui furono gli ha hai hanno ho i il in io l la le lei li lo "
     "loro lui ma mi mia mie miei mio ne negli nei nel nella nelle nello noi "
     "non nostra nostre nostri nostro o per perché più quale quanta quante "
     "quanti quanto quella quelle quelli quello questa queste questi questo "
     "sarà se sei si sia siamo siete sono stata stato su sua sue sugli sui "
     "sul sulla sulle sullo suo suoi ti tra tu tua tue tuo tuoi tutti tutto "
     "un una uno vi voi vostra vostre vostri vostro"},
    {"portuguese",
     "a à ao aos aquela aquelas aquele aqueles aquilo as às até com como da "
     "das de dela delas dele deles depois do dos e é ela elas ele eles em "
     "entre era eram éramos essa essas esse esses esta está estamos estão "
     "estas estava estavam estávamos este estes esteve estive estivemos "
     "estiveram estou eu foi fomos foram fui há isso isto já lhe lhes mais "
     "mas me mesmo meu meus minha minhas muito na não nas nem no nos nós "
     "nossa nossas nosso nossos num numa o os ou para pela pelas pelo pelos "
     "por qual quando que quem são se seja sejam sem seu seus só somos sou "
     "sua suas também te tem têm temos tenho teu teus teve tinha tinham "
     "tive tiveram tu tua tuas um uma você vocês vos"},
    {"russian",
     "а без более больше будет будто бы был была были было быть в вам вас "
     "ведь во вот впрочем все всегда всего всех всю вы где да даже два для "
     "до другой его ее её ей ему если есть еще ж же за зачем здесь и из или "
     "им иногда их к как какая какой когда конечно кто куда ли лучше между "
     "меня мне много может можно мой моя мы на над надо наконец нас не него "
     "нее ней нельзя нет ни нибудь никогда ним них ничего но ну о об один он "
     "она они опять от перед по под после потом потому почти при про раз "
     "разве с сам свою себе себя сейчас со совсем так такой там тебя тем "
     "теперь то тогда того тоже только том тот три тут ты у уж уже хорошо "
     "хоть чего чем через что чтоб чтобы чуть эти этого этой этом этот эту "
     "я"},
    {"spanish",
     "a al algo algunas algunos ante antes como con contra cual cuando de "
     "del desde donde durante e el él ella ellas ellos en entre era eran "
     "eres es esa esas ese eso esos esta está estaba estaban estado estamos "
     "están estar estas este esto estos estoy estuvo fue fueron fui ha han "
     "has hasta hay he hemos la las le les lo los más me mi mí mis mucho "
     "muchos muy nada ni no nos nosotras nosotros nuestra nuestras nuestro "
     "nuestros o os otra otras otro otros para pero poco por porque que qué "
     "quien quienes se sea ser si sí sin sobre somos son soy su sus suya "
     "suyas suyo suyos también tanto te tiene tienen ti todo todos tu tú "
     "tus tuya tuyo un una uno unos vosotras vosotros vuestra vuestro y ya "
     "yo"},
    {"swedish",
     "alla allt än att av blev bli blir blivit då där de dem den denna "
     "deras dess dessa det detta dig din dina ditt du efter ej eller en er "
     "era ert ett från för ha hade han hans har här henne hennes hon honom "
     "hur i icke ingen inom inte jag ju kan kunde man med mellan men mig "
     "min mina mitt mot mycket ni nu när något några och om oss på samma "
     "sedan sig sin sina själv skulle så sådan sådana sådant till under upp "
     "ut utan vad var vara varför varit varje vars vart vår våra vårt vem "
     "vi vid vilka vilkas vilken vilket åt över"},
};

const StopList* FindList(std::string_view language) {
  for (const StopList& list : kStopLists) {
    if (list.language == language) return &list;
  }
  return nullptr;
}

// A number for `words` (a set's terms, space-separated in list order), the
// same for every set of the same words. Lists are few and short, so a
// process keeps them all.
uint32_t InternWords(std::string words) {
  static absl::Mutex mutex(absl::kConstInit);
  static auto* known = new std::vector<std::string>();
  absl::MutexLock lock(&mutex);
  auto it = std::find(known->begin(), known->end(), words);
  if (it == known->end()) it = known->insert(known->end(), std::move(words));
  return static_cast<uint32_t>(it - known->begin()) + 1;
}

}  // namespace

std::vector<std::string> StopWordLanguages() {
  std::vector<std::string> languages;
  for (const StopList& list : kStopLists) languages.emplace_back(list.language);
  return languages;
}

absl::StatusOr<std::unique_ptr<StopWordSet>> StopWordSet::Make(
    std::string_view language, const Normalizer& normalizer) {
  const StopList* list = FindList(language);
  if (list == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("no stop-word list for language \"", std::string(language),
                     "\"; available: ", absl::StrJoin(StopWordLanguages(), ", ")));
  }
  const std::vector<absl::string_view> words =
      absl::StrSplit(list->words, ' ', absl::SkipEmpty());
  // At most half full, so that most misses end at an empty slot.
  std::unique_ptr<StopWordSet> set(
      new StopWordSet(std::bit_width(2 * words.size())));
  NormalizeScratch scratch;
  std::string terms;
  for (absl::string_view piece : words) {
    const std::string_view word(piece.data(), piece.size());
    std::string_view term = normalizer.Apply(word, util::ScanUtf8(word).ascii, scratch);
    set->max_length_ = std::max(set->max_length_, term.size());
    set->table_.Insert(term, HashTerm(term), "");
    absl::StrAppend(&terms, util::AsAbsl(term), " ");
  }
  set->id_ = InternWords(std::move(terms));
  return set;
}

}  // namespace trawl::analysis

// Words the scrubber's name detection needs, written for this project: what
// is public and must stay (brands, organisations, places, people in the news
// whose faces scammers use), which lower-case words are ordinary Dutch and
// never a surname, and which word endings make a place or a role rather than
// a person.

/** Organisations, brands, places and public figures that follow cues ("meneer van de …", "namens …") or look like names. */
export const publicNames: readonly string[] = [
  // banks, payment, crypto
  "ING", "Rabobank", "ABN AMRO", "ABN", "SNS", "ASN", "Knab", "bunq", "Triodos", "RegioBank", "Revolut", "Tikkie", "iDEAL", "Paypal", "PayPal", "Visa", "Mastercard",
  "Klarna", "Afterpay", "Binance", "Bitcoin", "Coinbase", "Bitvavo",
  // government and help
  "Belastingdienst", "DigiD", "CJIB", "DUO", "UWV", "SVB", "CAK", "Politie", "Gemeente", "Fraudehelpdesk", "Slachtofferhulp", "Slachtofferhulp Nederland", "Helpwanted",
  "Juridisch Loket", "Veilig Thuis", "Meld Misdaad Anoniem", "Wijkagent", "Europol", "Interpol", "Rijksoverheid", "Kamer van Koophandel", "KvK", "Consumentenbond",
  // delivery, telecom, energy, shops, platforms
  "PostNL", "DHL", "DPD", "GLS", "UPS", "Marktplaats", "KPN", "Ziggo", "Odido", "T-Mobile", "Vodafone", "Eneco", "Essent", "Vattenfall", "Microsoft", "Microsoft Teams",
  "Apple", "Google", "WhatsApp", "Facebook", "Instagram", "TikTok", "Snapchat", "Telegram", "Netflix", "Amazon", "bol.com", "Bol", "Coolblue", "Zalando", "Vinted",
  "Booking", "Thuisbezorgd", "Albert Heijn", "Jumbo", "Lidl", "Aldi", "Action", "Kruidvat", "Hema", "Etos", "Primark", "Blokker", "Gamma", "Praxis", "Jan Linders",
  "Dirk van den Broek", "Van der Valk", "Van Haren", "Douwe Egberts", "Ben & Jerry's", "HTM", "NS", "Outlook", "Hotmail", "Gmail", "Ticketmaster", "Funda", "Kamernet",
  "Pararius", "AliExpress", "Ali Express", "Hugo Boss",
  // places and buildings
  "Den Haag", "Haaglanden", "Nederland", "Haagse Markt", "Anna Paulowna", "Sint Jan", "HMC Westeinde", "Juliana Kinderziekenhuis", "Johan Cruijff ArenA",
  "Anne Frank Huis", "Bibliotheek", "Buurthuis", "Wijkcentrum",
  // public figures whose faces appear in fake adverts and deepfakes
  "Mark Rutte", "Dick Schoof", "Geert Wilders", "Frans Timmermans", "Rob Jetten", "Willem-Alexander", "Koning Willem-Alexander", "Koningin Máxima", "Linda de Mol",
  "Humberto Tan", "Jort Kelder", "Alexander Klöpping", "Johan Derksen", "Max Verstappen", "Elon Musk", "Bill Gates", "Jeff Bezos", "Martin Lewis",
];

/**
 * Surname particles. A particle belongs to a name only when a surname follows
 * ("van der Berg"); "de" on its own is usually an article.
 */
export const particles: ReadonlySet<string> = new Set([
  "van", "de", "der", "den", "het", "'t", "te", "ter", "ten", "la", "le", "el", "al", "da", "di", "du", "von", "bin", "ben", "op", "in", "'s", "d'", "mac", "mc",
  "dos", "das", "del", "ait", "abu", "ibn",
]);

/** Particles that, without a cue, start a surname after a first name ("Fatima El Amrani", "ans van dijk"). */
export const surnameParticles: ReadonlySet<string> = new Set([
  "van", "de", "der", "den", "te", "ter", "ten", "la", "le", "el", "al", "da", "di", "du", "von", "bin", "ben", "dos", "das", "del", "ait", "abu", "ibn",
]);

/**
 * Ordinary lower-case Dutch words that follow a name or a cue and are never a
 * surname: function words, frequent verbs, nouns and adjectives of the texts
 * ambassadors write. Missing a word here makes the scrubber remove it when it
 * stands in a name's place, never the other way round.
 */
const commonWordList = `
aan aangifte aantal achter actie adres advies af afdeling al alle allebei alleen allemaal alles als altijd ander andere anders antwoord app appje appte appten
arts auto baan baas baby bank bankpas bedrag bedrijf begon beide bekend bel belde belden bellen belt ben benaderd bericht berichten beste betaald betaalde betalen
beter bewoner bij binnen blijkbaar blijft boete boven brief broer bus buur buurman buurvrouw code collega computer contact daar daarna daarom dag dan dat de deed
dezelfde deur deze die dit doen dochter door dood doorgegeven doorgestuurd dus echt een eerst eerste eigen elke en enkele er erg ergens eruit even familie fiets
foto fout gaat gaf gaan gebeld gebeurd gedaan geen gegeven geholpen gekregen geld gelijk geleden gelukkig gemaakt gemeld genoeg gesprek gestuurd gevraagd gewoon
ging goed graag haar had hadden hand heb hebben heeft hele helemaal help hem het hier hij hoe hond hoort huis hun iemand ieder iets ik in info is ja
jaar jarig je jongen jongens jullie kan kapot keer kende kerel kind kinderen klant kon konden kreeg kregen krijgt kwam kwamen laat laatst lang later lid liet
link maakt maakte maar man mee meer mei meisje melding meldingen men met meteen mevrouw meneer mij mijn misschien moeder moest moet mogelijk morgen na naam naar
nam net niet niets nieuw nieuwe nieuws nog nooit nu nummer of ofzo oma omdat onbekend onder ons ook oom op opa opeens open opnieuw opgebeld opgelicht over overal
paar pas pakket pakketje persoon plan politie precies raar rekening rond ruzie samen snel sms staat stond straat stuk stuurde stuurden tante tegen telefoon terug
thuis toch toen tot twee uit uur vaak vader van vanaf vandaag veel verder verkocht vertelde via vier vijf vond voor vooral vorige vraag vroeg vrouw vriend vriendin
waar wachtwoord wanneer want was waren wat week weer weet wel werd werden werk weten wie wil wilde wilden wist woont word wordt zag ze zegt zei zelf zeker zich zij
zijn zo zoals zoon zou zus zwager zwaar zullen
en wij we u jij hen hun die dat dus toen maar omdat want wanneer hoewel
aanbod account adresje afspraak alarm antwoordde appartement bankrekening bedreigd bedreiging beheer beloofd bestelling bestelde betaling bezoek bod boos
bovenbuurman bovenbuurvrouw buren deurbel directeur dokter drie eerder eens enorm erfenis factuur flat formulier gegevens gehackt geschrokken gevaar geweest
groep hulp inbraak incasso informatie inloggen jongeman kantoor koerier lening leuk links maand mail mails man meldde mensen middag moment monteur nacht neef
nicht nep nepbericht niemand oplichter oplichters opgehangen ouder ouderen pinpas rechts schade school schrok slachtoffer soort sorry spullen stem tijd tip tot
tweede uitleg verhaal verkoper verschillende verteld video vorig vrienden wachten website weg wijk winkel zaak zaterdag zondag maandag dinsdag woensdag donderdag
vrijdag januari februari maart april juni juli augustus september oktober november december
durft snapt begrijpt denkt voelt vindt zit loopt gaat komt werkt leeft ligt kent mag moet zal belt vraagt wacht hoopt twijfelt schrikt betaalt klikt opent
leest schrijft stuurt appt mailt antwoordt reageert meldt vertelt ziet hoort geeft neemt houdt blijft lijkt zoekt praat spreekt begint stopt weigert accepteert
gelooft vertrouwt helaas echter soms eigenlijk natuurlijk waarschijnlijk direct eerder inmiddels nogmaals verder wilt heb hadden zou zouden kunnen moeten mogen
willen gaan komen doen zeggen vragen bellen krijgen geven maken weten zien horen denken vinden hebben zijn worden laten staan liggen zitten lopen werken
nr nrs tel ca bijv evt incl excl etc enz mw dhr mevr tav tnv
`;

export const commonWords: ReadonlySet<string> = new Set(commonWordList.split(/\s+/).filter(Boolean));

/** Endings of roles and institutions: "deed zich voor als bankmedewerker", "meneer van de woningcorporatie". */
export const roleOrInstitutionEnding =
  /(?:medewerker|medewerkster|agent|agente|ambtenaar|adviseur|monteur|koerier|bezorger|inspecteur|rechercheur|notaris|advocaat|deurwaarder|dokter|arts|zuster|verpleegkundige|helpdesk|desk|dienst|bedrijf|maatschappij|service|bank|zorg|corporatie|verzekeraar|verzekering|vereniging|centrum|team|afdeling|winkel|school|gemeente|politie|instantie|organisatie|stichting|club|loket|kantoor|bureau|provider|leverancier|verhuurder|huisbaas|beheerder|makelaar|werker|hulp|werkgever|baas|chef|directeur|manager|eigenaar)$/u;

/** Endings of streets, buildings and places: "Johan de Wittlaan", "Juliana Kinderziekenhuis" are not people. */
export const placeEnding =
  /.(?:straat|laan|weg|plein|kade|gracht|singel|dreef|plantsoen|boulevard|steeg|park|markt|ziekenhuis|kliniek|school|college|lyceum|centrum|kerk|moskee|museum|stadion|station|theater|bibliotheek|buurthuis|wijkcentrum|stadhuis|kwartier|buurt|wijk|polder|haven|brug|toren|zaal|hal)$/u;

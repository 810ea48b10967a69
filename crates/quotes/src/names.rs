//! Given names with a known usual gender, used only to keep "he"/"she" from resolving to the wrong person.
//! A name missing here just leaves the person's gender unknown (compatible with every pronoun).

use std::collections::HashSet;
use std::sync::OnceLock;

const FEMININE: &str = "Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Betty \
Margaret Sandra Ashley Kimberly Emily Donna Michelle Carol Amanda Melissa Deborah Stephanie Rebecca Laura Sharon \
Cynthia Kathleen Amy Shirley Angela Helen Anna Brenda Pamela Nicole Emma Samantha Katherine Christine Debra Rachel \
Catherine Carolyn Janet Ruth Maria Heather Diane Virginia Julie Joyce Victoria Olivia Kelly Christina Lauren Joan \
Evelyn Judith Megan Cheryl Andrea Hannah Martha Jacqueline Frances Gloria Ann Teresa Kathryn Sara Janice Jean Alice \
Madison Doris Abigail Julia Judy Grace Denise Amber Marilyn Beverly Danielle Theresa Sophia Marie Diana Brittany \
Natalie Isabella Charlotte Rose Alexis Kayla Lydia Kristen Hilary Hillary Caitlin Suella Yvette Theresa Angela \
Ursula Kamala Nancy Condoleezza Madeleine Jacinda Sanna Giorgia Marine Christine Nikki Tulsi Liz Valeska Kirsten \
Ingrid Annalena Mette Olena Yulia Svetlana Natalia Tatiana Irina Olga Aiko Yuki Sakura Hana Priya Sonia Indira Benazir Malala Golda Eleanor Michaela Joanna Gabriela Fernanda \
Stefania Francesca Giulia Chiara Sofia Elena Anja Katja Ana Lucia Carmen Isabel Yasmin Fatima Aisha Leila Nadia";

const MASCULINE: &str = "James Robert John Michael David William Richard Joseph Thomas Charles Christopher Daniel \
Matthew Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason \
Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory \
Alexander Frank Patrick Raymond Jack Dennis Jerry Tyler Aaron Jose Adam Nathan Henry Douglas Zachary Peter Kyle \
Ethan Walter Noah Jeremy Christian Keith Roger Terry Gerald Harold Sean Austin Carl Arthur Lawrence Dylan Jesse \
Jordan Bryan Billy Joe Bruce Gabriel Logan Albert Willie Alan Juan Wayne Elijah Randy Roy Vincent Ralph Eugene \
Russell Bobby Mason Philip Louis Barack Joe Vladimir Emmanuel Olaf Rishi Boris Narendra Recep Benjamin Volodymyr \
Sergei Sergey Dmitry Mohammed Mohamed Muhammad Ahmed Ali Hassan Hussein Omar Abdullah Shinzo Fumio Moon Yoon Andy Nick Tom Harry Romelu Dries Enver Colin Matt Matthew Kevin \
Charles Creswell Cres Tony Rupert Elon Jeff Bill Steve Tim Mitch Chuck Ted \
Marco Antony Lloyd Jake Kurt Emmanuel Friedrich Angus Gordon Keir Nigel Hamid Ashraf Bashar Hosni Anwar Mahathir \
Claudio Luca Matteo Giuseppe Giovanni Marco Paolo Roberto Sergio Enrico Mario Pedro Carlos Luis Miguel Javier";

fn set(words: &'static str) -> HashSet<&'static str> {
    words.split_whitespace().collect()
}

pub(crate) fn is_feminine_name(name: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| set(FEMININE)).contains(name)
}

pub(crate) fn is_masculine_name(name: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| set(MASCULINE)).contains(name) && !is_feminine_name(name)
}

//! A place gazetteer written for attache: countries (with their usual short forms), capitals, major cities,
//! first-level divisions of large federations, and regions. One line per place: the canonical name, then
//! aliases, separated by `|`. Matching is on the exact capitalised word sequence.

use std::collections::HashMap;
use std::sync::OnceLock;

const PLACES: &str = "\
Afghanistan
Albania
Algeria
Andorra
Angola
Antigua and Barbuda
Argentina
Armenia
Australia
Austria
Azerbaijan
Bahamas
Bahrain
Bangladesh
Barbados
Belarus
Belgium
Belize
Benin
Bhutan
Bolivia
Bosnia and Herzegovina|Bosnia
Botswana
Brazil
Brunei
Bulgaria
Burkina Faso
Burundi
Cambodia
Cameroon
Canada
Cape Verde
Central African Republic
Chad
Chile
China|People's Republic of China|PRC|Mainland China
Colombia
Comoros
Congo|Democratic Republic of Congo|Democratic Republic of the Congo|DRC|DR Congo
Costa Rica
Croatia
Cuba
Cyprus
Czech Republic|Czechia
Denmark
Djibouti
Dominica
Dominican Republic
East Timor|Timor-Leste
Ecuador
Egypt
El Salvador
Equatorial Guinea
Eritrea
Estonia
Eswatini|Swaziland
Ethiopia
Fiji
Finland
France
Gabon
Gambia
Georgia
Germany
Ghana
Greece
Grenada
Guatemala
Guinea
Guinea-Bissau
Guyana
Haiti
Honduras
Hungary
Iceland
India
Indonesia
Iran
Iraq
Ireland
Israel
Italy
Ivory Coast|Cote d'Ivoire
Jamaica
Japan
Jordan
Kazakhstan
Kenya
Kiribati
Kosovo
Kuwait
Kyrgyzstan
Laos
Latvia
Lebanon
Lesotho
Liberia
Libya
Liechtenstein
Lithuania
Luxembourg
Madagascar
Malawi
Malaysia
Maldives
Mali
Malta
Marshall Islands
Mauritania
Mauritius
Mexico
Micronesia
Moldova
Monaco
Mongolia
Montenegro
Morocco
Mozambique
Myanmar|Burma
Namibia
Nauru
Nepal
Netherlands|Holland
New Zealand
Nicaragua
Niger
Nigeria
North Korea|DPRK|Democratic People's Republic of Korea
North Macedonia|Macedonia
Norway
Oman
Pakistan
Palau
Palestine|Palestinian Territories
Panama
Papua New Guinea
Paraguay
Peru
Philippines
Poland
Portugal
Qatar
Romania
Russia|Russian Federation
Rwanda
Saint Lucia
Samoa
San Marino
Saudi Arabia
Senegal
Serbia
Seychelles
Sierra Leone
Singapore
Slovakia
Slovenia
Solomon Islands
Somalia
South Africa
South Korea|Republic of Korea|ROK
South Sudan
Spain
Sri Lanka
Sudan
Suriname
Sweden
Switzerland
Syria
Taiwan|Republic of China
Tajikistan
Tanzania
Thailand
Togo
Tonga
Trinidad and Tobago
Tunisia
Turkey|Turkiye
Turkmenistan
Tuvalu
Uganda
Ukraine
United Arab Emirates|UAE
United Kingdom|UK|U.K.|Britain|Great Britain|GB
United States|US|U.S.|USA|U.S.A.|America|United States of America|the States
Uruguay
Uzbekistan
Vanuatu
Vatican|Vatican City|Holy See
Venezuela
Vietnam|Viet Nam
Yemen
Zambia
Zimbabwe
Hong Kong|HK
Macau|Macao
Tibet
Xinjiang
Greenland
Puerto Rico
Western Sahara
Gaza|Gaza Strip
West Bank
Crimea
Donbas
Kashmir
England
Scotland
Wales
Northern Ireland
Abu Dhabi
Abuja
Accra
Addis Ababa
Algiers
Amman
Amsterdam
Ankara
Astana
Athens
Baghdad
Baku
Bangkok
Beijing
Beirut
Belgrade
Berlin
Bern
Bogota
Brasilia
Bratislava
Brussels
Bucharest
Budapest
Buenos Aires
Cairo
Canberra
Caracas
Colombo
Copenhagen
Damascus
Dhaka
Doha
Dublin
Hanoi
Harare
Havana
Helsinki
Islamabad
Jakarta
Jerusalem
Kabul
Kampala
Kathmandu
Khartoum
Kyiv|Kiev
Kuala Lumpur
Kuwait City
Lima
Lisbon
Ljubljana
London
Luanda
Madrid
Manila
Mexico City
Minsk
Mogadishu
Moscow
Muscat
Nairobi
New Delhi|Delhi
Nicosia
Oslo
Ottawa
Paris
Phnom Penh
Prague
Pretoria
Pyongyang
Quito
Rabat
Riga
Riyadh
Rome
Santiago
Sarajevo
Seoul
Sofia
Stockholm
Taipei
Tallinn
Tashkent
Tbilisi
Tehran
Tel Aviv
Tirana
Tokyo
Tripoli
Tunis
Ulaanbaatar
Vienna
Vilnius
Warsaw
Washington|Washington D.C.|Washington, D.C.|Washington DC
Wellington
Yerevan
Zagreb
Shanghai
Guangzhou
Shenzhen
Chongqing
Tianjin
Wuhan
Chengdu
Nanjing
Hangzhou
Xi'an
Harbin
Shenyang
Dalian
Qingdao
Xiamen
Kunming
Lhasa
Urumqi
Osaka
Kyoto
Yokohama
Nagoya
Fukuoka
Hiroshima
Nagasaki
Okinawa
Busan
Incheon
Mumbai|Bombay
Kolkata|Calcutta
Chennai|Madras
Bangalore|Bengaluru
Hyderabad
Karachi
Lahore
Kandahar
Herat
Mazar-i-Sharif
Istanbul
Dubai
Mecca
Medina
Jeddah
Basra
Mosul
Aleppo
Homs
Sochi
St Petersburg|St. Petersburg|Saint Petersburg
Volgograd
Nizhny Novgorod
Kazan
Vladivostok
Odesa|Odessa
Kharkiv
Lviv
Mariupol
Munich
Hamburg
Frankfurt
Cologne
Milan
Naples
Venice
Florence
Turin
Genoa|Genova
Barcelona
Valencia
Seville
Lyon
Marseille
Geneva
Zurich
Rotterdam
The Hague|Hague
Antwerp
Manchester
Birmingham
Liverpool
Glasgow
Edinburgh
Cardiff
Belfast
Sheffield
Leeds
Bristol
Oxford
Cambridge
New York|New York City|NYC
Los Angeles|L.A.|LA
Chicago
Houston
Phoenix
Philadelphia
San Antonio
San Diego
Dallas
San Francisco
Seattle
Boston
Miami
Atlanta
Detroit
Denver
Las Vegas
New Orleans
Baltimore
Pittsburgh
Honolulu
Anchorage
Toronto
Montreal
Vancouver
Calgary
Edmonton
Sydney
Melbourne
Brisbane
Perth
Adelaide
Darwin
Hobart
Auckland
Christchurch
Sao Paulo
Rio de Janeiro|Rio
Johannesburg
Cape Town
Lagos
Casablanca
Alexandria
Alabama
Alaska
Arizona
Arkansas
California
Colorado
Connecticut
Delaware
Florida
Hawaii
Idaho
Illinois
Indiana
Iowa
Kansas
Kentucky
Louisiana
Maine
Maryland
Massachusetts
Michigan
Minnesota
Mississippi
Missouri
Montana
Nebraska
Nevada
New Hampshire
New Jersey
New Mexico
New York State
North Carolina
North Dakota
Ohio
Oklahoma
Oregon
Pennsylvania
Rhode Island
South Carolina
South Dakota
Tennessee
Texas
Utah
Vermont
Virginia
West Virginia
Wisconsin
Wyoming
New South Wales|NSW
Victoria
Queensland
South Australia
Western Australia
Tasmania
Northern Territory
Ontario
Quebec
British Columbia
Alberta
Manitoba
Saskatchewan
Nova Scotia
Guangdong
Fujian
Zhejiang
Jiangsu
Sichuan
Yunnan
Hainan
Inner Mongolia
Bavaria
Lombardy
Tuscany
Catalonia
Siberia
Chechnya
Kurdistan
Punjab
Bengal
Africa
Asia
Europe
North America
South America
Latin America
Antarctica
Oceania
Middle East
Far East
Central Asia
South Asia
Southeast Asia|South East Asia
East Asia
Asia-Pacific|Asia Pacific
Indo-Pacific
Pacific
Atlantic
Arctic
Balkans
Caucasus
Scandinavia
Gulf
Persian Gulf
South China Sea
East China Sea
Taiwan Strait
Korean Peninsula
Mediterranean
Black Sea
Baltic
Red Sea
Sahel
Horn of Africa
Silicon Valley
Wall Street
";

/// The gazetteer: every alias (exact spelling) → canonical name.
fn table() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap::new();
        for line in PLACES.lines().filter(|line| !line.trim().is_empty()) {
            let mut names = line.split('|');
            let canonical = names.next().unwrap_or(line);
            map.insert(canonical, canonical);
            for alias in names {
                map.insert(alias, canonical);
            }
        }
        map
    })
}

/// Canonical name of a place written exactly as `name` (e.g. `U.S.` → `United States`), if the gazetteer knows it.
pub(crate) fn place(name: &str) -> Option<&'static str> {
    table().get(name).copied()
}

/// Country named by a nationality adjective ("Chinese" → China), for a person's affiliation.
pub(crate) fn country_of_adjective(adjective: &str) -> Option<&'static str> {
    let country = match adjective {
        "Chinese" | "Sino" => "China",
        "American" | "US" | "U.S." => "United States",
        "British" | "UK" | "U.K." => "United Kingdom",
        "French" => "France",
        "German" => "Germany",
        "Russian" => "Russia",
        "Japanese" => "Japan",
        "Indian" => "India",
        "Australian" => "Australia",
        "Canadian" => "Canada",
        "Italian" => "Italy",
        "Spanish" => "Spain",
        "Mexican" => "Mexico",
        "Brazilian" => "Brazil",
        "Iranian" => "Iran",
        "Iraqi" => "Iraq",
        "Israeli" => "Israel",
        "Palestinian" => "Palestine",
        "Syrian" => "Syria",
        "Turkish" => "Turkey",
        "Egyptian" => "Egypt",
        "Saudi" => "Saudi Arabia",
        "Pakistani" => "Pakistan",
        "Afghan" => "Afghanistan",
        "Ukrainian" => "Ukraine",
        "Polish" => "Poland",
        "Dutch" => "Netherlands",
        "Taiwanese" => "Taiwan",
        "Vietnamese" => "Vietnam",
        "Thai" => "Thailand",
        "Indonesian" => "Indonesia",
        "Malaysian" => "Malaysia",
        "Filipino" | "Philippine" => "Philippines",
        "Irish" => "Ireland",
        "Greek" => "Greece",
        "Swedish" => "Sweden",
        "Norwegian" => "Norway",
        "Swiss" => "Switzerland",
        "Belgian" => "Belgium",
        "Austrian" => "Austria",
        "Nigerian" => "Nigeria",
        "Kenyan" => "Kenya",
        "Libyan" => "Libya",
        "Tunisian" => "Tunisia",
        "Cuban" => "Cuba",
        "Venezuelan" => "Venezuela",
        "Argentine" | "Argentinian" => "Argentina",
        "Lebanese" => "Lebanon",
        "Singaporean" => "Singapore",
        _ => return None,
    };
    Some(country)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_map_to_canonical() {
        assert_eq!(place("U.S."), Some("United States"));
        assert_eq!(place("United States"), Some("United States"));
        assert_eq!(place("NSW"), Some("New South Wales"));
        assert_eq!(place("Beijing"), Some("Beijing"));
        assert_eq!(place("beijing"), None, "case matters: lower-case words are not names");
        assert_eq!(place("Narnia"), None);
    }

    #[test]
    fn adjectives_give_countries() {
        assert_eq!(country_of_adjective("Chinese"), Some("China"));
        assert_eq!(country_of_adjective("US"), Some("United States"));
        assert_eq!(country_of_adjective("Martian"), None);
    }
}

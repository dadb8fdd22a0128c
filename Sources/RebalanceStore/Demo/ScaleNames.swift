import Foundation
import RebalanceCore

/// Names for generated people, places and organisations: invented, British, varied, and never
/// the demo's own (no Fernhill, no Northgate, no Harbourside).
enum ScaleNames {
    static let firstNames = [
        "Aaliyah", "Abdul", "Adam", "Agnieszka", "Aisha", "Alan", "Amara", "Amir", "Andrew", "Angela", "Anil", "Ann",
        "Barbara", "Bilal", "Bronwen", "Carl", "Carol", "Chidi", "Chloe", "Claire", "Colin", "Connor", "Daniel", "Darren",
        "David", "Deborah", "Declan", "Dev", "Eileen", "Elena", "Emma", "Eric", "Fatima", "Femi", "Fiona", "Frank", "Gary",
        "Grace", "Hamza", "Harpreet", "Hazel", "Helen", "Ibrahim", "Irene", "Jack", "Jade", "James", "Janet", "Jason",
        "Jean", "Joanne", "John", "Joyce", "Julie", "Karen", "Kate", "Keith", "Kerry", "Kevin", "Leah", "Lee", "Leon",
        "Linda", "Liam", "Lorraine", "Malik", "Margaret", "Maria", "Mark", "Maryam", "Megan", "Michael", "Mohammed",
        "Monika", "Nathan", "Neil", "Nicola", "Noor", "Olu", "Pat", "Paul", "Pauline", "Peter", "Precious", "Rachel",
        "Rahul", "Rebecca", "Rhys", "Rita", "Robert", "Rosa", "Ruth", "Ryan", "Sadia", "Sally", "Sam", "Sandra", "Sarah",
        "Sean", "Shabana", "Sharon", "Simon", "Sinead", "Sophie", "Stephen", "Steve", "Susan", "Tariq", "Terry", "Tina",
        "Tony", "Tracey", "Usha", "Valerie", "Vikram", "Wayne", "Wendy", "Yusuf", "Zainab", "Zoe",
    ]
    static let surnames = [
        "Adams", "Ahmed", "Akhtar", "Ali", "Allen", "Anderson", "Atkinson", "Bailey", "Baker", "Banks", "Barker", "Begum",
        "Bell", "Bennett", "Bibi", "Brown", "Burns", "Campbell", "Carter", "Chapman", "Chowdhury", "Clark", "Clarke",
        "Cole", "Collins", "Cook", "Cooper", "Cox", "Davies", "Dixon", "Doyle", "Edwards", "Ellis", "Evans", "Fisher",
        "Fletcher", "Foster", "Gill", "Gordon", "Graham", "Grant", "Green", "Griffiths", "Hall", "Harris", "Harrison",
        "Hill", "Holmes", "Hughes", "Hussain", "Jackson", "James", "Jenkins", "Johnson", "Jones", "Kaur", "Kelly", "Khan",
        "King", "Kowalski", "Lewis", "Lloyd", "Marshall", "Martin", "Mason", "Miah", "Mills", "Mitchell", "Moore",
        "Morgan", "Morris", "Murphy", "Murray", "Nowak", "Obi", "O'Brien", "Okoro", "Owen", "Palmer", "Parker", "Patel",
        "Pearson", "Phillips", "Powell", "Price", "Quinn", "Rahman", "Reid", "Reynolds", "Richards", "Roberts",
        "Robinson", "Rogers", "Rose", "Russell", "Scott", "Shah", "Shaw", "Simpson", "Singh", "Smith", "Stevens",
        "Stewart", "Taylor", "Thomas", "Thompson", "Turner", "Walker", "Ward", "Watson", "Webb", "White", "Williams",
        "Wilson", "Wood", "Wright", "Young",
    ]

    /// Area names are a prefix and a suffix; 40 × 25 = 1,000 of them before any repeats.
    static let placePrefixes = [
        "Ash", "Alder", "Bar", "Beck", "Birch", "Black", "Brad", "Bram", "Brook", "Castle", "Clay", "Cold", "Crow",
        "Elm", "Fair", "Fox", "Gold", "Green", "Hazel", "High", "Holly", "Kings", "Lark", "Lime", "Long", "Marsh", "Mill",
        "Moor", "Oak", "Pen", "Queens", "Red", "Rose", "Sand", "Stan", "Stone", "Thorn", "West", "Wheat", "Willow",
    ]
    static let placeSuffixes = [
        "bank", "borough", "bourne", "bridge", "brook", "by", "cliffe", "combe", "croft", "dale", "don", "field", "ford",
        "gate", "hampton", "hill", "hurst", "ley", "mead", "mere", "moor", "stead", "thorpe", "ton", "wick",
    ]
    static let districtTowns = [
        "Ambridge", "Barrowby", "Castlemere", "Dunmore", "Eastwold", "Fenbury", "Gransby", "Hartwell", "Ivybridge",
        "Kelmscott", "Langford", "Melbury", "Netherby", "Oakhampton", "Penhallow", "Quarrington", "Redmarsh", "Saltash",
        "Tarrant", "Upminster", "Valebridge", "Wendover", "Yarrow", "Axbridge", "Brinkley", "Chalton", "Dorrington",
        "Elmswell", "Fulbeck", "Glaston", "Hemsby", "Irchester", "Kirkby", "Ludford", "Market Weston", "Northwold",
        "Ormsby", "Pickering", "Radstock", "Stowford", "Thornbury", "Walsham", "Wrexley", "Ashwell", "Bleasby",
        "Cranmore", "Dalby", "Everton", "Frampton", "Gorsley",
    ]
    static let districtKinds = ["District Council", "Borough Council", "City Council", "District Council", "Borough Council"]
    static let counties = [
        "Wessex", "Mercia", "Northshire", "Eastmarch", "Westmoor", "Southdown", "Middlemarch", "Dalesend", "Fenshire",
        "Riverside", "Highvale", "Lowland", "Coastshire", "Forestshire", "Peakland", "Marcher",
    ]
    static let streets = [
        "Station Road", "Church Lane", "Victoria Street", "Mill Lane", "Park Road", "Queen Street", "The Crescent",
        "Bridge Street", "Brook Lane", "Chapel Row", "Albert Terrace", "School Lane", "Market Square", "Canal Walk",
        "Orchard Close", "Meadow Way", "Elm Grove", "High Street", "Green Lane", "Forge Lane",
    ]
    static let landmarks = [
        "the community centre", "the library", "the rec", "the youth hut", "the church hall", "the primary school",
        "the health centre", "the shopping parade", "the allotments", "the playing fields", "the old baths",
        "the bus station", "the canal towpath", "the miners' welfare", "the market hall",
    ]

    /// The `index`th area name for this seed: every prefix and suffix paired, in a shuffled
    /// order fixed by the seed, so names never repeat before the thousandth area and do not
    /// depend on how many areas are loaded.
    static func areaName(_ index: Int, seed: UInt64) -> String {
        var rng = ScaleRandom(seed: seed, "area-names")
        let pairs = rng.shuffled(placePrefixes.flatMap { p in placeSuffixes.map { s in (p, s) } })
        let (prefix, suffix) = pairs[index % pairs.count]
        let round = index / pairs.count
        return prefix + suffix + (round == 0 ? "" : " \(round + 1)")
    }

    static func districtName(_ index: Int, seed: UInt64) -> String {
        var rng = ScaleRandom(seed: seed, "district-names")
        let towns = rng.shuffled(districtTowns)
        let round = index / towns.count
        return towns[index % towns.count] + (round == 0 ? "" : " \(round + 1)")
    }

    static func countyName(_ index: Int) -> String {
        let round = index / counties.count
        return counties[index % counties.count] + (round == 0 ? "" : " \(round + 1)")
    }

    /// A person's name and a free address at `domain`; `taken` holds the addresses already used
    /// there, so two people with the same name get `jo.smith` and `jo.smith2`.
    static func person(_ rng: inout ScaleRandom, domain: String, taken: inout Set<String>, title: String? = nil)
        -> (name: String, email: String) {
        let first = rng.pick(firstNames), last = rng.pick(surnames)
        let local = Slug.make(from: "\(first) \(last)").replacingOccurrences(of: "-", with: ".")
        var email = "\(local)@\(domain)"
        var n = 2
        while !taken.insert(email).inserted {
            email = "\(local)\(n)@\(domain)"
            n += 1
        }
        return ((title.map { "\($0) " } ?? "") + "\(first) \(last)", email)
    }
}

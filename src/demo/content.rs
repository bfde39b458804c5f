//! Invented text for demo data: captions, comments and names in English, Ukrainian and Russian.

/// (platform, handle, display name, time zone, target posts per week)
pub type DemoAccountSpec = (&'static str, &'static str, &'static str, &'static str, i64);

/// Each brand with its accounts.
pub const BRANDS: &[(&str, &[DemoAccountSpec])] = &[
    (
        "Lumen Coffee",
        &[
            (
                "instagram",
                "lumen.coffee",
                "Lumen Coffee",
                "Europe/Kyiv",
                5,
            ),
            ("tiktok", "lumencoffee", "Lumen Coffee", "Europe/Kyiv", 3),
        ],
    ),
    (
        "Pixel Bikes",
        &[
            ("facebook", "pixelbikes", "Pixel Bikes", "Europe/Warsaw", 3),
            ("x", "pixel_bikes", "Pixel Bikes", "Europe/Warsaw", 7),
        ],
    ),
    (
        "Verde Studio",
        &[(
            "linkedin",
            "verde-studio",
            "Verde Studio",
            "Europe/Berlin",
            2,
        )],
    ),
];

pub const PILLARS: &[&str] = &[
    "education",
    "behind the scenes",
    "product",
    "community",
    "promo",
];

pub const POST_TITLES: &[&str] = &[
    "Latte art in 15 seconds",
    "Meet our roaster",
    "Winter menu is here ❄️",
    "5 ways to brew at home",
    "Customer story: morning rituals",
    "Weekend giveaway 🎁",
    "How we pick our beans",
    "Team Friday",
    "New store opening",
    "Bike maintenance 101",
    "Ride of the week 🚲",
    "Commute challenge results",
    "Case study: a greener office",
    "Hiring: junior designer",
    "Quarterly report highlights",
    "Осінній смак: гарбузовий лате 🎃",
    "Як ми обсмажуємо каву",
    "Новый маршрут выходного дня",
];

pub const CAPTIONS: &[&str] = &[
    "Small rituals make big mornings. What's yours? ☕ #coffee #morning",
    "From farm to cup in 30 days. Swipe to see the journey → #specialtycoffee",
    "We tested 12 grinders so you don't have to. Results in the carousel.",
    "Tag a friend who needs this today 😄 #weekend",
    "Новий сезон — новий смак. Приходьте на дегустацію! #кава #київ",
    "Ride safe, ride often. Our winter checklist in 5 steps. #cycling #bikes",
    "Design that breathes: our latest office project in Berlin. #architecture",
    "Мы открылись! Первая чашка — за наш счёт 🎉",
];

/// (language, category, text); categories drive priority through the real rules.
pub const MESSAGES: &[(&str, &str, &str)] = &[
    ("en", "question", "Do you ship to Poland? 🇵🇱"),
    ("en", "question", "What time do you open on Sundays?"),
    ("en", "question", "Is the oat milk extra?"),
    (
        "en",
        "question",
        "Where can I buy the beans from this post?",
    ),
    ("en", "question", "How long does delivery take to Lviv?"),
    ("en", "praise", "Love it! Best flat white in town ☕😍"),
    ("en", "praise", "Amazing service today, thank you team 🙌"),
    ("en", "praise", "This bike changed my commute. 10/10"),
    ("en", "praise", "Great post, very helpful 👏"),
    (
        "en",
        "complaint",
        "Terrible experience, my order arrived cold and late. Very disappointed.",
    ),
    (
        "en",
        "complaint",
        "Worst customer support ever. Nobody answers my emails!",
    ),
    (
        "en",
        "complaint",
        "The brakes broke after two weeks. This is awful.",
    ),
    (
        "en",
        "complaint",
        "I was charged twice and nobody cares. Horrible.",
    ),
    ("en", "neutral", "ok"),
    ("en", "neutral", "Saw this in the store yesterday"),
    ("en", "neutral", "👨‍👩‍👧‍👦 family trip next week"),
    (
        "en",
        "spam",
        "Get 10k followers cheap!!! https://growfast.example/promo",
    ),
    (
        "en",
        "spam",
        "Earn $500/day with crypto, DM me https://bit.ly/xx",
    ),
    ("uk", "question", "Де можна купити це зерно? 🤔"),
    ("uk", "question", "Скільки коштує доставка до Одеси?"),
    ("uk", "question", "Чи є у вас безлактозне молоко?"),
    ("uk", "praise", "Дякую, дуже смачно! ❤️"),
    ("uk", "praise", "Найкраща кав'ярня на Подолі 🔥"),
    ("uk", "complaint", "Кава була холодна, жахливий сервіс 😡"),
    (
        "uk",
        "complaint",
        "Замовлення не прийшло, це обман. Поверніть гроші!",
    ),
    ("uk", "neutral", "Завтра зайду"),
    (
        "uk",
        "spam",
        "Безкоштовні підписники тут https://t.me/spam_uk",
    ),
    ("ru", "question", "Где находится ваш магазин?"),
    ("ru", "question", "Сколько стоит ремонт колеса?"),
    ("ru", "praise", "Отличный сервис, спасибо! 👍"),
    ("ru", "complaint", "Ужасное обслуживание, больше не приду"),
    (
        "ru",
        "complaint",
        "Велосипед сломан через неделю, верните деньги",
    ),
    ("ru", "neutral", "Интересно"),
    (
        "ru",
        "spam",
        "Заработок в интернете без вложений https://t.me/earn_ru",
    ),
];

pub const FIRST_NAMES: &[&str] = &[
    "Anna",
    "Mariana",
    "Oleksii",
    "Iryna",
    "Dmytro",
    "Sofia",
    "Max",
    "Olga",
    "Taras",
    "Nina",
    "Liam",
    "Emma",
    "Noah",
    "Mia",
    "Lucas",
    "Zoe",
    "Andrii",
    "Kateryna",
    "Pavel",
    "Yulia",
    "Анна",
    "Олена",
    "Сергій",
    "Марія",
    "Иван",
    "Наталья",
];

pub const LAST_NAMES: &[&str] = &[
    "Petrova",
    "Núñez",
    "Shevchenko",
    "Kovalenko",
    "Smith",
    "Müller",
    "Bondar",
    "Ivanova",
    "García",
    "Lysenko",
    "Novak",
    "Moreau",
];

pub const NICHES: &[&str] = &[
    "coffee",
    "food",
    "lifestyle",
    "cycling",
    "travel",
    "design",
    "fitness",
    "parenting",
];

pub const CITIES: &[&str] = &[
    "Kyiv", "Lviv", "Warsaw", "Berlin", "Odesa", "Kraków", "Vienna", "Prague",
];

pub const SAVED_REPLIES: &[(&str, &str)] = &[
    (
        "Thanks",
        "Thank you so much, {author}! It means a lot to the whole {account} team ☕",
    ),
    (
        "Sorry + DM",
        "We're really sorry, {author}. Please send us a DM with your order number and we'll fix it today.",
    ),
    (
        "Shipping",
        "Hi {author}! We ship across the EU in 2–4 days. Details are in our bio link.",
    ),
    ("Дякуємо", "Дякуємо, {author}! Раді бачити вас знову ❤️"),
];

pub const CAMPAIGNS: &[(&str, &str, &str, &str, i64)] = &[
    // (name, client, objective, channel, budget in whole currency units)
    (
        "Winter menu launch",
        "Lumen Coffee",
        "awareness",
        "paid",
        3000,
    ),
    (
        "Pumpkin latte influencers",
        "Lumen Coffee",
        "engagement",
        "influencer",
        1500,
    ),
    (
        "Spring commute challenge",
        "Pixel Bikes",
        "conversions",
        "mixed",
        5000,
    ),
    ("Black Friday bikes", "Pixel Bikes", "sales", "paid", 8000),
    (
        "Studio thought leadership",
        "Verde Studio",
        "leads",
        "organic",
        800,
    ),
];

// Fictional names for the demo network. Every person in the demo is made up.
export const givenNames = {
  female: [
    "Maria", "Sofia", "Isabella", "Camila", "Valentina", "Emily", "Olivia", "Ava", "Mia", "Aaliyah", "Destiny", "Jasmine",
    "Hannah", "Grace", "Chloe", "Zoe", "Lily", "Nevaeh", "Ximena", "Guadalupe", "Amina", "Hodan", "Mai", "Pa Nhia",
    "Kaylee", "Aniyah", "Brooklyn", "Savannah", "Luz", "Daniela", "Abigail", "Harper", "Evelyn", "Layla", "Nia", "Ruby",
  ],
  male: [
    "José", "Luis", "Mateo", "Santiago", "Diego", "Liam", "Noah", "Elijah", "James", "Jayden", "Josiah", "Marcus",
    "Ethan", "Mason", "Logan", "Caleb", "Isaiah", "Carlos", "Miguel", "Ahmed", "Abdi", "Tou", "Kou", "DeShawn",
    "Malik", "Tyrone", "Wyatt", "Owen", "Julian", "Adrián", "Andrés", "Samuel", "Gabriel", "Angel", "Xavier", "Jordan",
  ],
} as const;

export const familyNames = [
  "García", "Martínez", "Rodríguez", "Hernández", "López", "González", "Pérez", "Sánchez", "Ramírez", "Torres",
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Davis", "Miller", "Wilson", "Moore", "Taylor", "Anderson",
  "Thomas", "Jackson", "White", "Harris", "Martin", "Thompson", "Robinson", "Clark", "Lewis", "Walker", "Young",
  "Allen", "King", "Wright", "Scott", "Green", "Baker", "Nelson", "Carter", "Mitchell", "Roberts", "Turner",
  "Phillips", "Campbell", "Parker", "Evans", "Edwards", "Collins", "Vang", "Xiong", "Yang", "Lee", "Nguyen",
  "Tran", "Ali", "Mohamed", "Hassan", "Yusuf", "Begay", "Yazzie", "Tsosie", "Olson", "Johnson", "Larson",
] as const;

export const streetNames = [
  "Oak", "Maple", "Cedar", "Pine", "Elm", "Willow", "Birch", "Lakeview", "Sunset", "River", "Hillcrest", "Park",
  "Mission", "Valley", "Meadow", "Orchard", "Highland", "Washington", "Lincoln", "Jefferson", "Madison", "Franklin",
] as const;

export const schools = [
  "Lincoln Elementary", "Roosevelt Middle School", "Washington High School", "Jefferson Elementary", "Cesar Chavez Elementary",
  "Sunnyside High School", "Lakeview Middle School", "Riverside Elementary", "Central High School", "Northside Academy",
] as const;

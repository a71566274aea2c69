// First names the scrubber recognises without a cue ("Kees Mulder belde"),
// written for this project: common names of people in Dutch cities, of every
// age, and of the communities the ambassadors work with. Not a register of
// anyone; a name is only ever removed together with a surname after it, or
// after a cue word. Keep the list compact — it ships to the browser.

const dutch = `
Aad Aaltje Ad Adriaan Adrie Albert Alex Alexander Anouk Ans Anna Anne Anneke Annelies Annemarie Annemieke Annet Annie Anton Arie Arjan Arjen Arnold Astrid
Bart Bea Bep Bernard Bert Betty Bianca Bob Boris Bram Britt Carla Carolien Caroline Cas Chantal Christiaan Cindy Claudia Coen Conny Cor Corrie Cornelis
Daan Danielle Daniel Danny Daphne David Debby Demi Dennis Dewi Dick Diana Dieuwke Dina Dirk Dorien Douwe Egbert Ellen Elly Els Emma Erik Eric Erwin Esmee Esther
Eva Evelien Evert Evi Fenna Femke Finn Floor Floris Frans Freek Fred Frits Froukje Geert Geertje Gerard Gerben Gerda Gerdien Gerrit Gert Gijs Greet Grietje Guus
Hanneke Hannie Hans Harm Harry Hein Hendrik Henk Hennie Herman Hester Hetty Hidde Hilde Huub Hugo Ilona Ilse Ina Ineke Inge Ingrid Irene Isa Ivo Jaap Jacob Jacqueline
Jan Janneke Jannie Janny Jasper Jayden Jeanette Jelle Jelmer Jenny Jeroen Jesse Jessica Joep Johan Johanna Johannes Joke Jolanda Jolien Joop Joost Jop Joris Jorrit
Jos Josje Joyce Judith Julia Julian Juliana Karin Karlijn Kasper Kees Kelly Kevin Kim Kirsten Klaas Koen Lars Leo Levi Lianne Lieke Liesbeth Linda Lisa Loes Lonneke
Lotte Lucas Luuk Lynn Maarten Manon Marcel Marco Margreet Margriet Maria Marian Marianne Marie Marieke Marijke Marja Marjan Marleen Marlies Marloes Martijn Martin
Martine Mathijs Maud Maurice Menno Michael Michiel Mieke Mien Mies Mike Mila Milan Miranda Mirjam Monique Myrthe Nadine Naomi Nathalie Nel Nelly Nick Nico Niek
Niels Nienke Nina Noa Noah Noor Olivier Patricia Patrick Paul Paula Pepijn Peter Petra Pien Piet Pieter Pim Priscilla Quinten Remco Renate Rens Ria Rian Rianne
Rick Riet Rik Rinus Rita Robert Robin Roel Romy Ronald Roy Ruben Ruud Sander Sandra Sanne Saskia Sebastiaan Sem Sharon Shirley Siem Sjaak Sjoerd Sophie Stan Stefan
Stijn Suzanne Sven Sylvia Tamara Tanja Teun Thea Theo Thijs Thomas Ties Tijn Tim Timo Tineke Tiny Tom Ton Tonny Toon Truus Trudy Twan Vera Victor Vincent Wendy
Wesley Wessel Wies Willem Willemijn Wilma Wim Wouter Yannick Youri Yvette Yvonne Zoë
`;

const moroccanAndArabic = `
Abdel Abdelaziz Abdelkader Abdellah Abdeslam Abdullah Abdulrahman Adil Ahmad Ahmed Aicha Aïcha Aisha Ali Amal Amine Amira Ammar Anas Anouar Anwar Asma Asmae Aya
Ayman Ayoub Aziz Badr Bashar Bilal Brahim Btissam Bushra Chaima Chaimae Dima Doaa Douae Dounia Driss Fadi Fatiha Fatima Firas Fouad Ghada Ghizlane Hafid Hafsa Hajar
Hakim Hamid Hamza Hanan Hanane Hassan Hasan Heba Hiba Hicham Houda Huda Hussein Ibrahim Ikram Ikrame Ilham Ilias Ilyas Imad Imane Iman Inas Ismail Israa Jamal Jana
Joud Karam Karim Karima Kaoutar Khadija Khaled Khalid Lahcen Laith Lamyae Layan Layla Leila Lina Loubna Maha Mahmoud Majd Malak Malika Manal Marah Mariam Marouane
Marwan Maryam Mehdi Meryem Mimoun Moaz Mohamed Mohammed Mohammad Muhammad Mohand Mourad Mustafa Mustapha Nabil Nadia Naima Najat Nawal Nisrine Nordin Nora Noura Nour
Noureddine Obada Omar Othman Ouafae Qusai Raghad Rahaf Rachid Rachida Rami Rania Rasha Rashid Rayan Reda Redouan Redouane Reem Ruba Safae Said Saïd Saida Salah Salma
Salwa Samar Samer Samira Samir Sanae Sara Sarah Siham Sofia Sofian Soufiane Souad Soumaya Tarek Tarik Tariq Tasneem Wael Wafae Walid Widad Yamen Yara Yasmina Yasmine
Yassin Yassine Yasser Younes Youssef Yousef Yousra Yusuf Zakaria Zahra Zaid Zaina Zeinab Ziad Zineb Zohra Zouhair
`;

const turkish = `
Ahmet Arda Arzu Aslı Ayla Aylin Ayşe Azra Baran Burak Burcu Büşra Canan Cansu Cem Cengiz Ceren Cihan Damla Defne Derya Dilek Doğan Duygu Ebru Ecrin Elif Emel Emine
Emin Emre Enes Ercan Erdem Erkan Ersin Esma Esra Eylül Fadime Fatih Fatma Feride Ferhat Fikret Filiz Furkan Gizem Gökhan Gönül Gülay Gülsüm Hacer Hakan Halil Hatice
Havva Hülya Hüseyin Irmak İbrahim İsmet Kaan Kadir Kemal Kerem Kübra Leyla Levent Mahmut Mehmet Melek Merve Mert Metin Murat Necati Necla Nermin Neslihan Nesrin
Nihat Nuray Nurcan Oğuz Okan Onur Orhan Osman Ömer Özge Özgür Özlem Pınar Ramazan Recep Rıza Sadık Seda Selim Selma Serap Serkan Serpil Sevda Sevim Sibel Sinan
Songül Süleyman Sultan Şeyma Şule Şükrü Tarkan Tolga Tuba Tülay Tuncay Turgut Uğur Volkan Yasemin Yasin Yavuz Yunus Zehra Zeki Zeynep Zübeyde
`;

const surinameseAndAntillean = `
Agus Amit Anand Anil Anita Anjali Anoeska Arvind Asha Ashok Ashwin Bambang Budi Chandra Chandrika Clyde Curtis Darrel Deepak Dinesh Dwight Edson Errol Geeta Giovanni
Glenda Glenn Gopal Gracia Harish Hubert Humphrey Indira Iwan Jitendra Jurgen Jyoti Kamla Kanta Kartini Kavita Kenneth Kishan Krishna Lakshmi Leela Mahesh Manoj
Marlon Meena Mildred Mohan Mukesh Naresh Navin Nirmala Nisha Orlando Parvati Pooja Pradeep Prakash Priya Putri Quincy Quinty Radha Radj Rajesh Rakesh Ramesh Ratna
Ravi Rekha Renuka Rina Rishi Romeo Ronny Rosita Roshan Roshni Roshnie Rudsel Sachin Sandjai Sangeeta Sanjay Sarita Savitri Shalini Shanice Shanta Shanti Sharda
Sheila Shiva Shurandy Siti Soekarni Soenarto Soenil Soenita Soeresh Sunil Sunita Suresh Usha Vidya Vijay Vikash Vinod Wati Yanti
`;

const centralAndEasternEuropean = `
Agata Agnieszka Aleksandra Alicja Andrei Andreea Andrzej Arkadiusz Artur Barbara Bartosz Beata Bogdan Bożena Cristian Cristina Damian Danuta Dariusz Dawid Desislava
Dimitar Dorota Edyta Elena Elżbieta Ewa Ewelina Filip Florin Gabriela Galina Georgi Gheorghe Gosia Grażyna Grzegorz Halina Henryk Hristo Ioana Ionut Irina Iwona
Izabela Jadwiga Jakub Janusz Jerzy Jolanta Józef Justyna Kacper Kamil Karolina Kasia Katarzyna Kinga Klaudia Krystyna Krzysztof Leszek Łukasz Lukasz Maciej Magdalena
Małgorzata Malgorzata Marcin Marek Mariola Mariusz Marta Marzena Mateusz Michał Michal Mihaela Mihai Mirosław Monika Natalia Oliwia Patryk Paulina Paweł Pawel Petar
Petya Piotr Przemysław Radosław Rafał Rafal Renata Ryszard Simona Sławomir Stanisław Stoyan Svetla Sylwia Szymon Tadeusz Teresa Todor Tomasz Tsvetelina Urszula
Vasile Vasil Weronika Wiesław Wiktoria Wioletta Wojciech Yordanka Żaneta Zbigniew Zdzisław Zofia Zuzanna
`;

const ukrainianAndRussian = `
Anastasiia Andriy Anatolii Artem Bohdan Daria Denys Dmytro Halyna Ihor Iryna Ivan Kateryna Liudmyla Maksym Mariia Mykhailo Mykola Nadiia Natalya Oksana Oleh Olena
Oleksandr Olha Olga Pavlo Petro Serhiy Sergey Sofiia Stepan Svitlana Taras Tetiana Tatiana Viktor Viktoria Vitalii Volodymyr Vasyl Yaroslav Yulia Yurii Dmitri Igor
Alexei Nikita Svetlana Ekaterina
Анастасія Андрій Анатолій Артем Богдан Дарія Денис Дмитро Галина Ігор Ірина Іван Катерина Людмила Максим Марія Михайло Микола Надія Наталія Оксана Олег Олена
Олександр Ольга Павло Петро Сергій Софія Степан Світлана Тарас Тетяна Віктор Вікторія Віталій Володимир Василь Ярослав Юлія Юрій Анна Наталья Татьяна Екатерина
`;

const eastAfricanAndAfghan = `
Abdi Amir Arash Ayaan Babak Dariush Fadumo Faisal Farhad Farid Fereshta Filmon Hamdi Hodan Hossein Javad Jawad Kaveh Khadar Mahsa Massoud Mehari Mojgan Nasrin
Nazanin Parisa Reza Robel Roya Sahra Sediqa Semhar Senait Shirin Soraya Tesfay Wahid Yasaman Yonas
`;

const iberianAndOther = `
Ana António Antonio Carlos Carmen Fernanda Isabel Javier Jorge José João Juan Lucía Luis Manuel Miguel Pedro Pilar Rui Sónia Kofi Kwame Akua Ama Efua Yaw
`;

/**
 * First names that are also ordinary words ("ben", "roos", "mark"): only
 * counted when written with a capital.
 */
export const wordLikeFirstNames: readonly string[] = [
  "ad", "ama", "bas", "ben", "berk", "bob", "can", "els", "eren", "floor", "frank", "gül", "harm", "ion", "iris", "jade", "jet", "job", "lama", "lies", "mark",
  "max", "mees", "merel", "nada", "rim", "rob", "roman", "roos", "said", "salah", "sultan", "ties", "ton", "toon", "umut", "wies", "will", "yaw",
];

/** Lower-case and without accents, the way names are compared. */
export function nameKey(word: string): string {
  if (/^[\x00-\x7f]*$/.test(word)) return word.toLowerCase().replace(/’/g, "'");
  return word
    .toLowerCase()
    .replace(/ı/g, "i")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/’/g, "'");
}

export const firstNames: readonly string[] = [dutch, moroccanAndArabic, turkish, surinameseAndAntillean, centralAndEasternEuropean, ukrainianAndRussian, eastAfricanAndAfghan, iberianAndOther]
  .join(" ")
  .split(/\s+/)
  .filter(Boolean);

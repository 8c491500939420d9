// "Udskriv" buttons of the print kit (theme handout, question cards): open the print dialog.
document.addEventListener("click", (event) => {
  if (event.target instanceof Element && event.target.closest(".vive-udskriv")) window.print();
});
